using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Kryten.Sdk.Generators.Common;

/// <summary>
/// An indented text writer for emitted C# (after dotnet/runtime's SourceGenerators/SourceWriter):
/// multi-line strings are re-indented line by line, and the result always uses <c>\n</c> newlines
/// so generated files are identical on every OS.
/// </summary>
internal sealed class SourceWriter
{
    private const char IndentationChar = ' ';
    private const int CharsPerIndentation = 4;

    private readonly StringBuilder _sb = new();
    private int _indentation;

    /// <summary>The current indentation level; never negative.</summary>
    public int Indentation
    {
        get => _indentation;
        set
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _indentation = value;
        }
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        Indentation++;
    }

    /// <summary>Unindents and writes <c>}</c> plus <paramref name="suffix"/> (e.g. <c>;</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    /// <summary>Writes one line, or each line of a multi-line string, at the current indentation.</summary>
    public void WriteLine(string text)
    {
        if (_indentation == 0 && text.IndexOf('\n') < 0)
        {
            _sb.Append(text).Append('\n');
            return;
        }

        var remaining = text.AsSpan();
        while (true)
        {
            var newLine = remaining.IndexOf('\n');
            var line = newLine < 0 ? remaining : remaining.Slice(0, newLine);
            if (line.Length > 0 && line[line.Length - 1] == '\r')
            {
                line = line.Slice(0, line.Length - 1);
            }

            if (line.Length > 0)
            {
                _sb.Append(IndentationChar, _indentation * CharsPerIndentation);
                _sb.Append(line.ToString());
            }

            _sb.Append('\n');
            if (newLine < 0)
            {
                return;
            }

            remaining = remaining.Slice(newLine + 1);
        }
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _sb.Append('\n');

    /// <summary>The finished source; every opened block must have been closed.</summary>
    public SourceText ToSourceText()
    {
        if (_indentation != 0)
        {
            throw new InvalidOperationException($"Unbalanced blocks: indentation is {_indentation} at the end.");
        }

        return SourceText.From(_sb.ToString(), Encoding.UTF8);
    }

    /// <inheritdoc/>
    public override string ToString() => _sb.ToString();
}

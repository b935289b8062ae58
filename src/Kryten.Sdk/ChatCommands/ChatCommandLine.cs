using System.Text;

namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// A chat line read as a command: <c>!name arg "quoted arg" rest…</c>. The rules are written in
/// <c>docs/chat-commands.md</c>: the prefix, then the name (no space between), then arguments split at white space,
/// where an argument starting with a double quote (<c>"</c>, or the typographic <c>“</c> phone keyboards type) runs to the
/// matching closing quote, with <c>\"</c> and <c>\\</c> as escapes inside. <see cref="Rest"/> gives the text from an
/// argument on exactly as typed. Read from the plain text (<see cref="ChatText.ToPlainText"/>), not CyTube's HTML.
/// </summary>
/// <example>
/// <code>
/// if (ChatCommandLine.TryRead("!choose \"red wine\" | beer", "!", out var line, out _))
/// {
///     // line.Name == "choose", line.Arguments[0] == "red wine", line.Rest(1) == "| beer"
/// }
/// </code>
/// </example>
public sealed class ChatCommandLine
{
    private readonly string _text;
    private readonly int[] _starts;

    private ChatCommandLine(string text, string name, IReadOnlyList<string> arguments, int[] starts)
    {
        _text = text;
        Name = name;
        Arguments = arguments;
        _starts = starts;
    }

    /// <summary>The command name as typed, without the prefix (compare it case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The arguments, quotes removed and escapes applied.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The text from argument <paramref name="index"/> to the end, exactly as typed (quotes kept), trimmed; empty past the last argument.</summary>
    /// <param name="index">The first argument of the rest.</param>
    /// <returns>The rest of the line.</returns>
    public string Rest(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return index >= _starts.Length ? "" : _text[_starts[index]..].TrimEnd();
    }

    /// <summary>
    /// Reads <paramref name="text"/> as a command line. False with a null <paramref name="error"/> when it is not a
    /// command (no prefix, or nothing after it); false with an <paramref name="error"/> when it is one but cannot be
    /// read (a quote not closed).
    /// </summary>
    /// <param name="text">The plain chat text.</param>
    /// <param name="prefix">What starts a command, e.g. <c>!</c>.</param>
    /// <param name="line">The command line, when true.</param>
    /// <param name="error">Why a command could not be read.</param>
    /// <returns>True when <paramref name="text"/> is a readable command line.</returns>
    public static bool TryRead(string text, string prefix, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ChatCommandLine? line, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        line = null;
        error = null;
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (!text.AsSpan(start).StartsWith(prefix, StringComparison.Ordinal)) return false;
        var position = start + prefix.Length;
        var nameEnd = position;
        while (nameEnd < text.Length && !char.IsWhiteSpace(text[nameEnd])) nameEnd++;
        if (nameEnd == position) return false;
        var name = text[position..nameEnd];

        var arguments = new List<string>();
        var starts = new List<int>();
        position = nameEnd;
        var value = new StringBuilder();
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            if (position == text.Length) break;
            starts.Add(position);
            if (OpeningQuote(text[position]) is char close)
            {
                if (!ReadQuoted(text, ref position, close, value))
                {
                    error = "a quote is not closed";
                    return false;
                }
            }
            else
            {
                var end = position;
                while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
                value.Append(text, position, end - position);
                position = end;
            }
            arguments.Add(value.ToString());
            value.Clear();
        }
        line = new ChatCommandLine(text, name, arguments, [.. starts]);
        return true;
    }

    private static char? OpeningQuote(char c) => c switch
    {
        '"' => '"',
        '\u201C' => '\u201D',   // “ … ” as phone keyboards type them
        _ => null,
    };

    // From the opening quote to the closing one; the argument ends there even if text follows without a space.
    private static bool ReadQuoted(string text, ref int position, char close, StringBuilder value)
    {
        for (var i = position + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '\\' || text[i + 1] == '"' || text[i + 1] == close))
            {
                value.Append(text[++i]);
            }
            else if (c == close || (close != '"' && c == '"'))
            {
                position = i + 1;
                return true;
            }
            else
            {
                value.Append(c);
            }
        }
        return false;
    }
}

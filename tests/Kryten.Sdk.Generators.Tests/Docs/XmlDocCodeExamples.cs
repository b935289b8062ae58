using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// The <c>&lt;code&gt;</c> elements of a C# file's <c>///</c> comments, read through the compiler's own parse of the doc
/// comments, so entities (<c>&amp;lt;</c>, <c>&amp;gt;</c>, <c>&amp;amp;</c>) come out as the characters a reader sees and
/// the <c>///</c> of each line is not part of the code.
/// </summary>
public static class XmlDocCodeExamples
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>The examples in <paramref name="source"/>, named by <paramref name="path"/> and the line their code starts on.</summary>
    public static IReadOnlyList<DocExample> Find(string source, string path, DocExampleOrigin origin)
    {
        var root = CSharpSyntaxTree.ParseText(source, ParseOptions, path).GetRoot();
        var examples = new List<DocExample>();
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: false))
        {
            if (trivia.GetStructure() is not DocumentationCommentTriviaSyntax comment)
            {
                continue;
            }

            foreach (var code in comment.DescendantNodes().OfType<XmlElementSyntax>().Where(e => e.StartTag.Name.LocalName.Text == "code"))
            {
                var (text, leadingNewLines) = Dedent(ContentText(code, path));
                var line = code.StartTag.GetLocation().GetLineSpan().StartLinePosition.Line + 1 + leadingNewLines;
                examples.Add(new DocExample(origin, path, line, text, DocumentedType(trivia.Token)));
            }
        }

        return examples;
    }

    private static string ContentText(XmlElementSyntax code, string path)
    {
        var text = new StringBuilder();
        foreach (var node in code.Content)
        {
            var tokens = node switch
            {
                XmlTextSyntax t => t.TextTokens,
                XmlCDataSectionSyntax c => c.TextTokens,
                _ => throw new InvalidOperationException(
                    $"{path}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: <code> holds markup ({node.Kind()}); an example is plain text"),
            };
            foreach (var token in tokens)
            {
                text.Append(token.Kind() switch
                {
                    SyntaxKind.XmlTextLiteralNewLineToken => "\n",
                    SyntaxKind.XmlEntityLiteralToken => token.ValueText,
                    _ => token.Text,
                });
            }
        }

        return text.ToString();
    }

    // Drops the blank lines around the code and the indentation every line shares; counts the blank lines dropped at the
    // start, so that the example's line is that of its first line of code.
    private static (string Text, int LeadingNewLines) Dedent(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        var leading = 0;
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
            leading++;
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return (string.Join('\n', lines.Select(l => l.Length == 0 ? l : l[indent..])), leading);
    }

    // The full name of the type the comment documents (or whose member it documents), e.g. Kryten.Sdk.Commands.SayArgs.
    private static string? DocumentedType(SyntaxToken documented)
    {
        var names = new List<string>();
        for (var node = documented.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type:
                    names.Add(type.Identifier.Text);
                    break;
                case DelegateDeclarationSyntax d:
                    names.Add(d.Identifier.Text);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    names.Add(ns.Name.ToString());
                    break;
            }
        }

        names.Reverse();
        return names.Count == 0 ? null : string.Join('.', names);
    }
}

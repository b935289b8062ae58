using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kryten.Sdk.Generators.ChatCommands;

/// <summary>
/// A method's <c>&lt;summary&gt;</c> as one line of plain text, for help. Read from the <c>///</c> lines of the
/// syntax, so it works whether or not the project builds documentation (without it, Roslyn parses no doc comments).
/// </summary>
internal static class DocSummary
{
    private static readonly Regex Summary = new("<summary>(.*?)</summary>", RegexOptions.Singleline);
    private static readonly Regex Reference = new("<(?:see|paramref|typeparamref)\\s+(?:cref|name|langword)=\"(?:[A-Z]:)?([^\"]*)\"\\s*/>");
    private static readonly Regex Tag = new("<[^>]*>");
    private static readonly Regex Space = new("\\s+");

    /// <summary>The summary, or null when the method has none.</summary>
    public static string? Read(MethodDeclarationSyntax method)
    {
        var doc = new StringBuilder();
        foreach (var trivia in method.GetLeadingTrivia())
        {
            foreach (var line in trivia.ToFullString().Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("///")))
            {
                doc.Append(line.Substring(3)).Append(' ');
            }
        }

        var match = Summary.Match(doc.ToString());
        if (!match.Success)
        {
            return null;
        }

        var text = Reference.Replace(match.Groups[1].Value, m => m.Groups[1].Value.Split('.').Last());
        text = Tag.Replace(text, string.Empty);
        text = Space.Replace(text, " ").Trim()
            .Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&amp;", "&");
        return text.Length == 0 ? null : text;
    }
}

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>A fenced code block of a Markdown page.</summary>
/// <param name="Language">The first word of the fence's info string (<c>csharp</c> in <c>```csharp fragment</c>); empty when none.</param>
/// <param name="Attributes">The info string's further words (<c>fragment</c> in <c>```csharp fragment</c>).</param>
/// <param name="ContentLine">1-based line of the block's first content line (the line after the opening fence).</param>
/// <param name="Content">The lines between the fences, joined with '\n'.</param>
public sealed record MarkdownCodeBlock(string Language, IReadOnlyList<string> Attributes, int ContentLine, string Content);

/// <summary>
/// Finds fenced code blocks in Markdown the way CommonMark does for the fences these docs use: a fence is three or more
/// backticks or tildes indented by at most three spaces; it closes at a line of the same character, at least as long,
/// with nothing after it; an unclosed block runs to the end of the page. Indented (four-space) code blocks are not
/// examples here: every C# example is fenced so that it carries its language.
/// </summary>
public static class MarkdownCodeBlocks
{
    /// <summary>The info-string word that marks a C# block as a deliberate fragment, which is read but not compiled.</summary>
    public const string FragmentMarker = "fragment";

    /// <summary>The info-string word that marks a YAML block as the project schema of the C# example right after it.</summary>
    public const string SchemaMarker = "kryten-schema";

    private static readonly string[] CSharpLanguages = ["csharp", "cs", "c#"];

    /// <summary>Every fenced block of <paramref name="markdown"/>, in order.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<MarkdownCodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!TryOpenFence(lines[i], out var fence, out var indent, out var info))
            {
                continue;
            }

            var content = new List<string>();
            var start = i + 1;
            for (i++; i < lines.Length && !IsClosingFence(lines[i], fence); i++)
            {
                content.Add(Unindent(lines[i], indent));
            }

            var words = info.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            blocks.Add(new MarkdownCodeBlock(words.FirstOrDefault() ?? string.Empty, words.Skip(1).ToArray(), start + 1, string.Join('\n', content)));
        }

        return blocks;
    }

    /// <summary>Whether the block is C# (<c>csharp</c>, <c>cs</c> or <c>c#</c>, any case).</summary>
    public static bool IsCSharp(MarkdownCodeBlock block) => CSharpLanguages.Contains(block.Language, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the block is a project schema file (<c>```yaml kryten-schema</c>) for the C# example that follows it.</summary>
    public static bool IsSchema(MarkdownCodeBlock block) => block.Language == "yaml" && block.Attributes.Contains(SchemaMarker, StringComparer.Ordinal);

    /// <summary>Whether the block is marked <c>fragment</c>: C# shown for reading that is deliberately not a compilable example.</summary>
    public static bool IsFragment(MarkdownCodeBlock block) => block.Attributes.Contains(FragmentMarker, StringComparer.Ordinal);

    private static bool TryOpenFence(string line, out string fence, out int indent, out string info)
    {
        indent = line.Length - line.TrimStart(' ').Length;
        var rest = line[indent..];
        var length = rest.Length - rest.TrimStart(rest.Length > 0 ? rest[0] : ' ').Length;
        fence = string.Empty;
        info = string.Empty;
        if (indent > 3 || length < 3 || (rest[0] != '`' && rest[0] != '~'))
        {
            return false;
        }

        info = rest[length..].Trim();
        if (rest[0] == '`' && info.Contains('`', StringComparison.Ordinal))
        {
            return false;   // CommonMark: a backtick fence's info string has no backticks (that is inline code).
        }

        fence = rest[..length];
        return true;
    }

    private static bool IsClosingFence(string line, string fence)
    {
        var trimmed = line.Trim();
        return line.Length - line.TrimStart(' ').Length <= 3
            && trimmed.Length >= fence.Length
            && trimmed.All(c => c == fence[0]);
    }

    // Content lines lose as much of the opening fence's indentation as they have (CommonMark).
    private static string Unindent(string line, int indent)
    {
        var spaces = 0;
        while (spaces < indent && spaces < line.Length && line[spaces] == ' ')
        {
            spaces++;
        }

        return line[spaces..];
    }
}

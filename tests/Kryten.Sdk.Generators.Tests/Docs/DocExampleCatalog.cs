using Kryten.Sdk.Generators.Tests.Infrastructure;
using Kryten.Sdk.Generators.Tests.Schema;
using Kryten.Tests.Infrastructure;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// Every C# example a user reads, found from the repository root: the <c>```csharp</c> blocks of README.md, docs/*.md,
/// schema/README.md and samples/**/README.md; the <c>&lt;code&gt;</c> of the <c>///</c> comments in src/Kryten.Sdk and
/// src/Kryten.Sdk.Testing; and the <c>&lt;code&gt;</c> the schema generator writes into the SDK's sources (generated here
/// from schema/*.yaml, as the SDK's build does). Blocks marked <c>```csharp fragment</c> are listed apart and not compiled.
/// </summary>
public static class DocExampleCatalog
{
    private static readonly Lazy<(IReadOnlyList<DocExample> Examples, IReadOnlyList<DocExample> Fragments)> MarkdownExamples = new(LoadMarkdown);
    private static readonly Lazy<IReadOnlyList<DocExample>> XmlDocExamples = new(LoadXmlDoc);
    private static readonly Lazy<IReadOnlyList<DocExample>> GeneratedExamples = new(LoadGenerated);

    /// <summary>The Markdown pages examples are read from, repository-relative.</summary>
    public static IReadOnlyList<string> MarkdownPages { get; } = FindMarkdownPages();

    /// <summary>The C# blocks of the Markdown pages, without the fragments.</summary>
    public static IReadOnlyList<DocExample> Markdown => MarkdownExamples.Value.Examples;

    /// <summary>The C# blocks marked <c>fragment</c>: read by users, not compiled.</summary>
    public static IReadOnlyList<DocExample> MarkdownFragments => MarkdownExamples.Value.Fragments;

    /// <summary>The examples of the hand-written XML docs in src/.</summary>
    public static IReadOnlyList<DocExample> XmlDoc => XmlDocExamples.Value;

    /// <summary>The examples in the XML docs the schema generator writes for the SDK.</summary>
    public static IReadOnlyList<DocExample> GeneratedXmlDoc => GeneratedExamples.Value;

    /// <summary>The example named <paramref name="key"/> (<c>path:line</c>).</summary>
    public static DocExample Find(string key) =>
        Markdown.Concat(XmlDoc).Concat(GeneratedXmlDoc).SingleOrDefault(e => e.Key == key)
        ?? throw new KeyNotFoundException($"No example {key}");

    /// <summary>The keys of <paramref name="examples"/>, as theory data: one test case per example, named by it.</summary>
    public static TheoryData<string> Keys(IEnumerable<DocExample> examples)
    {
        var keys = examples.Select(e => e.Key).ToArray();
        var duplicate = keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two examples start at {duplicate.Key}; put each on a line of its own");
        }

        return new TheoryData<string>(keys);
    }

    private static string[] FindMarkdownPages()
    {
        var root = RepositoryPaths.Root;
        IEnumerable<string> Glob(string directory, string pattern, SearchOption option) =>
            Directory.Exists(Path.Combine(root, directory))
                ? Directory.EnumerateFiles(Path.Combine(root, directory), pattern, option)
                : [];

        return Glob(".", "README.md", SearchOption.TopDirectoryOnly)
            .Concat(Glob("docs", "*.md", SearchOption.TopDirectoryOnly))
            .Concat(Glob("schema", "README.md", SearchOption.TopDirectoryOnly))
            .Concat(Glob("samples", "README.md", SearchOption.AllDirectories).Where(IsSource))
            .Select(Relative)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static (IReadOnlyList<DocExample>, IReadOnlyList<DocExample>) LoadMarkdown()
    {
        var examples = new List<DocExample>();
        var fragments = new List<DocExample>();
        foreach (var page in MarkdownPages)
        {
            MarkdownCodeBlock? previous = null;
            foreach (var block in MarkdownCodeBlocks.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, page))))
            {
                if (MarkdownCodeBlocks.IsCSharp(block))
                {
                    var schema = previous is { } p && MarkdownCodeBlocks.IsSchema(p) ? p.Content : null;
                    var example = new DocExample(DocExampleOrigin.Markdown, page, block.ContentLine, block.Content, Schema: schema);
                    (MarkdownCodeBlocks.IsFragment(block) ? fragments : examples).Add(example);
                }

                previous = block;
            }
        }

        return (examples, fragments);
    }

    private static IReadOnlyList<DocExample> LoadXmlDoc() =>
        new[] { "src/Kryten.Sdk", "src/Kryten.Sdk.Testing", "src/Kryten.Sdk.Hosting" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, project), "*.cs", SearchOption.AllDirectories))
            .Where(IsSource)
            .Select(Relative)
            .Order(StringComparer.Ordinal)
            .SelectMany(path => XmlDocCodeExamples.Find(File.ReadAllText(Path.Combine(RepositoryPaths.Root, path)), path, DocExampleOrigin.XmlDoc))
            .ToArray();

    private static IReadOnlyList<DocExample> LoadGenerated()
    {
        var output = GeneratorRunner.Run(SchemaTestInputs.SdkInput(), new KrytenSchemaGenerator());
        if (output.GeneratorExceptions.Count > 0 || !output.GeneratorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The schema generator failed on schema/: " +
                string.Join("\n", output.GeneratorExceptions.Select(e => e.ToString()).Concat(output.GeneratorDiagnostics.Select(d => d.ToString()))));
        }

        return output.GeneratedSources
            .SelectMany(file => XmlDocCodeExamples.Find(file.Text, file.HintName, DocExampleOrigin.GeneratedXmlDoc))
            .ToArray();
    }

    // Build output holds copies and generated files that are not what a reader of the repository sees.
    private static bool IsSource(string path)
    {
        var segments = Relative(path).Split('/');
        return !segments.Contains("bin", StringComparer.Ordinal) && !segments.Contains("obj", StringComparer.Ordinal)
            && !segments.Contains("node_modules", StringComparer.Ordinal);
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
}

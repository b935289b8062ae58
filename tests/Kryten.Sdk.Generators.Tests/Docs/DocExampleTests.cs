using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// Every C# example a user reads compiles against the SDK as built, so the docs cannot drift from the code. One test
/// case per example, named <c>path:line</c>; a failure lists the compiler's errors at the example's own lines.
/// </summary>
public sealed class DocExampleTests(ITestOutputHelper output)
{
    public static TheoryData<string> MarkdownExamples => DocExampleCatalog.Keys(DocExampleCatalog.Markdown);

    public static TheoryData<string> XmlDocExamples => DocExampleCatalog.Keys(DocExampleCatalog.XmlDoc);

    public static TheoryData<string> GeneratedXmlDocExamples => DocExampleCatalog.Keys(DocExampleCatalog.GeneratedXmlDoc);

    /// <summary>The generated examples on the args classes (<c>var args = new SayArgs("message");</c>): they need no client, so they run.</summary>
    public static TheoryData<string> GeneratedArgsExamples => DocExampleCatalog.Keys(
        DocExampleCatalog.GeneratedXmlDoc.Where(e => e.DocumentedType?.StartsWith("Kryten.Sdk.Commands.", StringComparison.Ordinal) == true));

    [Theory]
    [MemberData(nameof(MarkdownExamples))]
    public void Markdown_example_compiles(string example) => ShouldCompile(example);

    [Theory]
    [MemberData(nameof(XmlDocExamples))]
    public void Xml_doc_example_compiles(string example) => ShouldCompile(example);

    [Theory]
    [MemberData(nameof(GeneratedXmlDocExamples))]
    public void Generated_xml_doc_example_compiles(string example) => ShouldCompile(example);

    [Theory]
    [MemberData(nameof(GeneratedArgsExamples))]
    public void Generated_args_example_keeps_the_schema_rules(string example) => DocExampleRunner.Run(DocExampleCatalog.Find(example));

    [Fact]
    public void Every_source_of_examples_is_read()
    {
        output.WriteLine($"markdown pages: {string.Join(", ", DocExampleCatalog.MarkdownPages)}");
        output.WriteLine($"compiled: {DocExampleCatalog.Markdown.Count} Markdown blocks ({DocExampleCatalog.MarkdownFragments.Count} marked fragment), " +
            $"{DocExampleCatalog.XmlDoc.Count} hand-written XML doc examples, {DocExampleCatalog.GeneratedXmlDoc.Count} generated XML doc examples " +
            $"(of which {GeneratedArgsExamples.Count} also run)");

        // A catalog that silently found nothing would make the theories above pass by having no cases.
        DocExampleCatalog.MarkdownPages.ShouldContain("README.md");
        DocExampleCatalog.MarkdownPages.ShouldContain("schema/README.md");
        DocExampleCatalog.MarkdownPages.ShouldContain("docs/architecture.md");
        DocExampleCatalog.Markdown.ShouldContain(e => e.Path == "README.md" && e.Code.Contains("public sealed partial class EchoBot", StringComparison.Ordinal));
        DocExampleCatalog.XmlDoc.ShouldContain(e => e.Path == "src/Kryten.Sdk/Client/KrytenClient.cs");
        DocExampleCatalog.XmlDoc.ShouldContain(e => e.Path == "src/Kryten.Sdk.Testing/MockKrytenClient.cs");
        DocExampleCatalog.GeneratedXmlDoc.ShouldContain(e => e.Path == "Kryten.Sdk.KrytenCommands.Say.g.cs");
        DocExampleCatalog.GeneratedXmlDoc.ShouldContain(e => e.Path == "Kryten.Sdk.Events.ChatMessage.g.cs");
        DocExampleCatalog.GeneratedXmlDoc.ShouldContain(e => e.DocumentedType == "Kryten.Sdk.Commands.MoveVideoArgs");
    }

    private static void ShouldCompile(string key)
    {
        var example = DocExampleCatalog.Find(key);
        var problems = DocExampleCompiler.Problems(example);
        if (problems.Count > 0)
        {
            throw new ShouldAssertException(
                $"The example at {key} does not compile:\n  {string.Join("\n  ", problems)}\n\nThe example:\n{example.Code}\n\n" +
                $"As compiled (see {nameof(DocExampleScaffold)} for the rule):\n{DocExampleCompiler.ComposedSource(example)}");
        }
    }
}

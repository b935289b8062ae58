using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// The docs tests must be able to fail, and fail at the right place: each part (the Markdown reader, the XML doc reader,
/// the scaffold, the compiler, the runner) is checked here against small examples that break its rule.
/// </summary>
public sealed class DocExampleMachineryTests
{
    [Fact]
    public void Markdown_blocks_keep_their_language_attributes_and_first_content_line()
    {
        const string Page = "# Title\n\n```csharp\nvar a = 1;\n```\n\ntext\n\n  ~~~~ cs fragment\n  x\n  ~~~\n  ~~~~\n````\n```yaml\nb: 2\n";

        var blocks = MarkdownCodeBlocks.Parse(Page);

        blocks.Count.ShouldBe(3);
        blocks[0].ShouldSatisfyAllConditions(
            b => b.Language.ShouldBe("csharp"),
            b => b.ContentLine.ShouldBe(4),
            b => b.Content.ShouldBe("var a = 1;"),
            b => MarkdownCodeBlocks.IsFragment(b).ShouldBeFalse());
        blocks[1].ShouldSatisfyAllConditions(
            b => b.Language.ShouldBe("cs"),
            b => MarkdownCodeBlocks.IsCSharp(b).ShouldBeTrue(),
            b => MarkdownCodeBlocks.IsFragment(b).ShouldBeTrue(),
            b => b.Content.ShouldBe("x\n~~~"));   // a shorter fence does not close a longer one
        blocks[2].ShouldSatisfyAllConditions(   // a ``` inside a ~~~~ block is content; an unclosed block runs to the end
            b => b.Language.ShouldBe(string.Empty),
            b => b.Content.ShouldBe("```yaml\nb: 2\n"));
    }

    [Fact]
    public void Xml_doc_examples_are_read_as_the_reader_sees_them()
    {
        const string Source = """
            namespace Demo;

            /// <summary>A bot.</summary>
            /// <example>
            /// <code>
            ///     var list = new List&lt;int&gt; { 1 };
            ///     if (list.Count &gt; 0 &amp;&amp; true) { }
            /// </code>
            /// </example>
            public class Bot
            {
                /// <example><code>new Bot().Go();</code></example>
                public void Go() { }
            }
            """;

        var examples = XmlDocCodeExamples.Find(Source, "src/Demo/Bot.cs", DocExampleOrigin.XmlDoc);

        examples.Count.ShouldBe(2);
        examples[0].ShouldSatisfyAllConditions(
            e => e.Line.ShouldBe(6),
            e => e.Code.ShouldBe("var list = new List<int> { 1 };\nif (list.Count > 0 && true) { }"),
            e => e.DocumentedType.ShouldBe("Demo.Bot"));
        examples[1].ShouldSatisfyAllConditions(
            e => e.Key.ShouldBe("src/Demo/Bot.cs:12"),
            e => e.Code.ShouldBe("new Bot().Go();"),
            e => e.DocumentedType.ShouldBe("Demo.Bot"));
    }

    [Fact]
    public void A_wrong_example_is_reported_at_its_own_file_and_line()
    {
        var example = new DocExample(DocExampleOrigin.Markdown, "docs/guide.md", 40, "var name = \"bot\";\nint length = name;");

        DocExampleCompiler.Problems(example).ShouldHaveSingleItem().ShouldStartWith("docs/guide.md:41: error CS0029");
    }

    [Fact]
    public void A_syntax_error_is_reported_at_its_own_file_and_line()
    {
        var example = new DocExample(DocExampleOrigin.XmlDoc, "src/X.cs", 7, "client.Health()\nConsole.WriteLine();");

        DocExampleCompiler.Problems(example).ShouldContain(p => p.StartsWith("src/X.cs:7: error CS1002", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warning_fails_an_example_as_it_fails_the_build()
    {
        var example = new DocExample(DocExampleOrigin.XmlDoc, "src/X.cs", 1, "string? name = null;\nConsole.WriteLine(name.Length);");

        DocExampleCompiler.Problems(example).ShouldHaveSingleItem().ShouldStartWith("src/X.cs:2: warning CS8602");
    }

    [Fact]
    public void Types_and_statements_compile_in_either_order_with_the_generators_run()
    {
        const string Handlers = """
            public sealed partial class Greeter
            {
                [KrytenHandler]
                public Task OnJoin(UserJoined user, EventContext ctx) => ctx.Commands.SayAsync($"hi {user.Name}").AsTask();
            }
            """;
        const string Statements = "using var registration = client.AddHandlers(new Greeter());";

        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.XmlDoc, "a.cs", 1, Handlers + "\n" + Statements)).ShouldBeEmpty();
        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.XmlDoc, "b.cs", 1, Statements + "\n" + Handlers)).ShouldBeEmpty();
    }

    [Fact]
    public void A_handler_class_that_is_not_partial_fails_with_the_generators_diagnostic()
    {
        const string Handlers = """
            public sealed class Greeter
            {
                [KrytenHandler]
                public Task OnJoin(UserJoined user) => Task.CompletedTask;
            }
            """;

        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.XmlDoc, "a.cs", 10, Handlers)).ShouldContain(p => p.Contains("KRY102", StringComparison.Ordinal));
    }

    [Fact]
    public void An_example_may_declare_the_names_the_scaffold_provides()
    {
        const string Complete = """
            var options = KrytenOptionsLoader.FromYaml("channels:\n  - { domain: cytu.be, channel: lounge }\n");
            await using var client = new KrytenClient(options);
            await client.ConnectAsync();
            """;

        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.XmlDoc, "a.cs", 1, Complete)).ShouldBeEmpty();
    }

    [Fact]
    public void Markdown_examples_carry_their_own_usings_and_xml_doc_examples_do_not()
    {
        const string Code = "var health = client.Health();\nKrytenHealth copy = health;";

        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.XmlDoc, "a.cs", 1, Code)).ShouldBeEmpty();
        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.Markdown, "README.md", 1, Code))
            .ShouldHaveSingleItem().ShouldStartWith("README.md:2: error CS0246");
        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.Markdown, "README.md", 1, "using Kryten.Sdk;\n" + Code)).ShouldBeEmpty();
    }

    [Fact]
    public void A_name_the_scaffold_does_not_provide_fails()
    {
        DocExampleCompiler.Problems(new DocExample(DocExampleOrigin.XmlDoc, "a.cs", 3, "await sender.SayAsync(\"hello\");"))
            .ShouldHaveSingleItem().ShouldStartWith("a.cs:3: error CS0103");
    }

    [Fact]
    public void Running_an_args_example_that_breaks_a_rule_fails()
    {
        // The generated MoveVideoArgs example once read new MoveVideoArgs(1, "after"): it compiles, and throws.
        var example = new DocExample(DocExampleOrigin.GeneratedXmlDoc, "Kryten.Sdk.KrytenCommands.MoveVideo.g.cs", 9, "var args = new MoveVideoArgs(1, \"after\");");

        Should.Throw<ShouldAssertException>(() => DocExampleRunner.Run(example)).Message.ShouldContain("KrytenValidationException");
        DocExampleRunner.Run(example with { Code = "var args = new MoveVideoArgs(1, \"prepend\");" });
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>The test helpers must be able to fail: each is checked against a generator that breaks its rule.</summary>
public sealed class InfrastructureTests
{
    private static readonly GeneratorInput TwoClasses = GeneratorInput.Empty
        .WithSource("A.cs", "namespace N; public partial class A { }")
        .WithSource("B.cs", "namespace N; public partial class B { }");

    [Fact]
    public void Rerun_without_change_is_cached_and_value_only()
    {
        var session = GeneratorSession.Start(TwoClasses, new ClassNameGenerator());
        session.Rerun();

        IncrementalAssert.AllCachedOrUnchanged(session.Output, [ClassNameGenerator.Step]);
        IncrementalAssert.NoForbiddenObjects(session.Output, [ClassNameGenerator.Step]);
    }

    [Fact]
    public void Editing_one_file_modifies_only_its_step_output()
    {
        var session = GeneratorSession.Start(TwoClasses, new ClassNameGenerator());
        session.ReplaceSource("B.cs", "namespace N; public partial class C { }");

        IncrementalAssert.Reasons(session.Output, ClassNameGenerator.Step)
            .ShouldBe([IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Modified]);
        Should.Throw<InvalidOperationException>(() => IncrementalAssert.AllCachedOrUnchanged(session.Output, [ClassNameGenerator.Step]));
    }

    [Fact]
    public void Caching_a_syntax_node_is_caught()
    {
        var output = GeneratorRunner.Run(TwoClasses, new SyntaxCachingGenerator());

        Should.Throw<InvalidOperationException>(() => IncrementalAssert.NoForbiddenObjects(output, [SyntaxCachingGenerator.Step]))
            .Message.ShouldContain("ClassDeclarationSyntax");
    }

    [Fact]
    public void Unknown_tracking_name_fails()
    {
        var output = GeneratorRunner.Run(TwoClasses, new ClassNameGenerator());

        Should.Throw<InvalidOperationException>(() => IncrementalAssert.AllCachedOrUnchanged(output, ["NoSuchStep"]));
    }

    [Fact]
    public void Additional_files_and_their_metadata_reach_the_generator()
    {
        var input = GeneratorInput.Empty
            .WithAdditionalFile("extra.yaml", "a: 1", ("build_metadata.AdditionalFiles.KrytenSchema", "true"))
            .WithAdditionalFile("other.txt", "b");
        var session = GeneratorSession.Start(input, new AdditionalFileGenerator());

        session.Output.Source("Files.g.cs").ShouldContain("// extra.yaml schema=true length=4");
        session.Output.Source("Files.g.cs").ShouldContain("// other.txt schema= length=1");

        session.ReplaceAdditionalFile("extra.yaml", "a: 12");
        session.Output.Source("Files.g.cs").ShouldContain("// extra.yaml schema=true length=5");
    }

    [Fact]
    public void Scrub_removes_the_generator_version()
    {
        Snapshot.Scrub("[global::System.CodeDom.Compiler.GeneratedCode(\"Kryten.Sdk.Generators\", \"1.2.3.4\")]\r\n")
            .ShouldBe("[global::System.CodeDom.Compiler.GeneratedCode(\"Kryten.Sdk.Generators\", \"{version}\")]\n");
    }

    [Fact]
    public void Snapshot_mismatch_fails_and_writes_received_file()
    {
        var output = GeneratorRunner.Run(TwoClasses, new ClassNameGenerator());
        var directory = Path.Combine(Path.GetTempPath(), "kryten-snapshot-" + Guid.NewGuid().ToString("N"));
        var callerFile = Path.Combine(directory, "Fake.cs");
        var snapshotDirectory = Path.Combine(directory, "Snapshots", "Fake");
        Directory.CreateDirectory(snapshotDirectory);
        File.WriteAllText(Path.Combine(snapshotDirectory, "Names.g.verified.cs"), "// something else\n");
        try
        {
            if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
            {
                return;
            }

            Should.Throw<SnapshotMismatchException>(() => Snapshot.Verify(output, testName: "Fake", callerFile: callerFile))
                .Message.ShouldContain("first difference at line 1");
            File.Exists(Path.Combine(snapshotDirectory, "Names.g.received.cs")).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Output_that_does_not_compile_is_reported()
    {
        var output = GeneratorRunner.Run(GeneratorInput.Empty.WithSource("Bad.cs", "class Bad { int M() { } }"), new ClassNameGenerator());

        Should.Throw<InvalidOperationException>(() => output.ShouldCompileCleanly()).Message.ShouldContain("CS0161");
    }

    [Fact]
    public void Kryten_sdk_is_referenced()
    {
        var source = "public partial class Bot { [global::Kryten.Sdk.KrytenHandler] public System.Threading.Tasks.Task On(global::Kryten.Sdk.KrytenRawEvent e) => System.Threading.Tasks.Task.CompletedTask; }";

        GeneratorRunner.Run(GeneratorInput.Empty.WithSource("Bot.cs", source), new ClassNameGenerator()).ShouldCompileCleanly();
    }

    private sealed class ClassNameGenerator : IIncrementalGenerator
    {
        public const string Step = "ClassNames";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider
                .CreateSyntaxProvider(static (n, _) => n is ClassDeclarationSyntax, static (c, _) => ((ClassDeclarationSyntax)c.Node).Identifier.Text)
                .WithTrackingName(Step);
            context.RegisterSourceOutput(names.Collect(), static (spc, all) =>
                spc.AddSource("Names.g.cs", "// " + string.Join(",", all) + "\n"));
        }
    }

    private sealed class SyntaxCachingGenerator : IIncrementalGenerator
    {
        public const string Step = "Leaky";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var nodes = context.SyntaxProvider
                .CreateSyntaxProvider(static (n, _) => n is ClassDeclarationSyntax, static (c, _) => (Name: "x", Node: (ClassDeclarationSyntax)c.Node))
                .WithTrackingName(Step);
            context.RegisterSourceOutput(nodes, static (_, _) => { });
        }
    }

    private sealed class AdditionalFileGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var files = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, ct) =>
                {
                    pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.KrytenSchema", out var schema);
                    return $"// {pair.Left.Path} schema={schema} length={pair.Left.GetText(ct)!.Length}";
                });
            context.RegisterSourceOutput(files.Collect(), static (spc, all) => spc.AddSource("Files.g.cs", string.Join("\n", all) + "\n"));
        }
    }
}

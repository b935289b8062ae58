using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// Runs incremental generators over an in-memory compilation the way the compiler does (step
/// tracking on), for snapshot, diagnostic and cacheability tests.
/// </summary>
/// <example>
/// <code>
/// var output = GeneratorRunner.Run(GeneratorInput.Empty.WithSource("Bot.cs", code), new KrytenHandlerGenerator());
/// output.ShouldCompileCleanly();
/// </code>
/// </example>
public static class GeneratorRunner
{
    /// <summary>The parse options of every test compilation (latest C#, like the repo).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>One run of <paramref name="generators"/> over <paramref name="input"/>.</summary>
    public static GeneratorRunOutput Run(GeneratorInput input, params IIncrementalGenerator[] generators) =>
        GeneratorSession.Start(input, generators).Output;

    /// <summary>The compilation the generators see for <paramref name="input"/> (a library, nullable enabled).</summary>
    public static CSharpCompilation CreateCompilation(GeneratorInput input) =>
        CSharpCompilation.Create(
            "Kryten.Generated.Tests",
            input.Sources.Select(ParseFile),
            TestReferences.All.Concat(input.ExtraReferencePaths.Select(p => MetadataReference.CreateFromFile(p))),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Default));

    /// <summary>Parses one C# input file with the test parse options.</summary>
    public static SyntaxTree ParseFile(InputFile file) =>
        CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path, System.Text.Encoding.UTF8);
}

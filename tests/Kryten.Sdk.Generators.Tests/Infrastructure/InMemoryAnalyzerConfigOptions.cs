using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>Analyzer options from dictionaries, as the compiler builds them from MSBuild.</summary>
internal sealed class InMemoryAnalyzerConfigOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
{
    public static readonly InMemoryAnalyzerConfigOptions Empty = new(ImmutableDictionary<string, string>.Empty);

    public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

    public override IEnumerable<string> Keys => values.Keys;
}

/// <summary>Global options plus per-additional-file metadata.</summary>
internal sealed class InMemoryAnalyzerConfigOptionsProvider(
    ImmutableDictionary<string, string> globalOptions,
    ImmutableDictionary<string, ImmutableDictionary<string, string>> additionalFileOptions) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new InMemoryAnalyzerConfigOptions(globalOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => InMemoryAnalyzerConfigOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        additionalFileOptions.TryGetValue(textFile.Path, out var values)
            ? new InMemoryAnalyzerConfigOptions(values)
            : InMemoryAnalyzerConfigOptions.Empty;

    public static InMemoryAnalyzerConfigOptionsProvider From(GeneratorInput input) =>
        new(input.GlobalOptions, input.AdditionalFiles.ToImmutableDictionary(f => f.Path, f => f.Metadata));
}

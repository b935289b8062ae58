using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>What one generator run produced.</summary>
/// <param name="RunResult">Roslyn's run result: per-generator sources, diagnostics and tracked steps.</param>
/// <param name="InputCompilation">The compilation the generators saw.</param>
/// <param name="OutputCompilation">The input plus every generated file.</param>
public sealed record GeneratorRunOutput(GeneratorDriverRunResult RunResult, Compilation InputCompilation, Compilation OutputCompilation)
{
    private IReadOnlyList<Diagnostic>? _compilationDiagnostics;

    /// <summary>Every generated file of every generator, ordered by hint name.</summary>
    public IReadOnlyList<GeneratedFile> GeneratedSources { get; } = RunResult.Results
        .SelectMany(r => r.GeneratedSources)
        .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
        .OrderBy(f => f.HintName, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Diagnostics the generators reported (KRY0xx/KRY1xx).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = RunResult.Diagnostics;

    /// <summary>Warnings and errors of the output compilation (the generated code plus the user's).</summary>
    /// <remarks>Computed on first use: binding the whole compilation is the expensive part of a run.</remarks>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics => _compilationDiagnostics ??= OutputCompilation.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToArray();

    /// <summary>Exceptions thrown inside generators (a generator must never throw).</summary>
    public IReadOnlyList<Exception> GeneratorExceptions { get; } = RunResult.Results
        .Where(r => r.Exception is not null)
        .Select(r => r.Exception!)
        .ToArray();

    /// <summary>The text of the generated file <paramref name="hintName"/>; fails when absent.</summary>
    public string Source(string hintName) =>
        GeneratedSources.FirstOrDefault(f => f.HintName == hintName)?.Text
        ?? throw new InvalidOperationException(
            $"No generated file '{hintName}'. Generated: {string.Join(", ", GeneratedSources.Select(f => f.HintName))}");

    /// <summary>Fails unless generators threw nothing and the output compiles with zero warnings and errors.</summary>
    public GeneratorRunOutput ShouldCompileCleanly()
    {
        if (GeneratorExceptions.Count > 0)
        {
            throw new InvalidOperationException("A generator threw: " + GeneratorExceptions[0]);
        }

        if (CompilationDiagnostics.Count > 0)
        {
            throw new InvalidOperationException(
                "The output compilation has warnings/errors:\n" + string.Join("\n", CompilationDiagnostics.Select(d => d.ToString())));
        }

        return this;
    }
}

/// <summary>A generated source file.</summary>
public sealed record GeneratedFile(string HintName, string Text);

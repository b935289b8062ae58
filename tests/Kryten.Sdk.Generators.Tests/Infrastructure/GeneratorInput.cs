using System.Collections.Immutable;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// Everything a generator run sees: C# files, additional files (in-memory YAML) with their MSBuild
/// metadata, and global MSBuild properties. Immutable; build it with the <c>With*</c> methods.
/// </summary>
/// <example>
/// <code>
/// var input = GeneratorInput.Empty
///     .WithSource("Bot.cs", "partial class Bot { }")
///     .WithAdditionalFile("schema/extra.yaml", yaml, ("build_metadata.AdditionalFiles.KrytenSchema", "true"))
///     .WithGlobalOption("build_property.RootNamespace", "MyBot");
/// </code>
/// </example>
public sealed record GeneratorInput
{
    /// <summary>No files, no options.</summary>
    public static GeneratorInput Empty { get; } = new();

    /// <summary>C# files: path → text.</summary>
    public ImmutableList<InputFile> Sources { get; init; } = [];

    /// <summary>Additional files (AdditionalTexts) with per-file metadata.</summary>
    public ImmutableList<InputAdditionalFile> AdditionalFiles { get; init; } = [];

    /// <summary>Global analyzer options, e.g. <c>build_property.X</c>.</summary>
    public ImmutableDictionary<string, string> GlobalOptions { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Extra metadata references beyond the framework and Kryten.Sdk.</summary>
    public ImmutableList<string> ExtraReferencePaths { get; init; } = [];

    /// <summary>Adds a C# file.</summary>
    public GeneratorInput WithSource(string path, string text) => this with { Sources = Sources.Add(new InputFile(path, text)) };

    /// <summary>Adds an additional file with optional metadata pairs (keys like <c>build_metadata.AdditionalFiles.KrytenSchema</c>).</summary>
    public GeneratorInput WithAdditionalFile(string path, string text, params (string Key, string Value)[] metadata) =>
        this with
        {
            AdditionalFiles = AdditionalFiles.Add(
                new InputAdditionalFile(path, text, metadata.ToImmutableDictionary(m => m.Key, m => m.Value))),
        };

    /// <summary>Sets a global analyzer option.</summary>
    public GeneratorInput WithGlobalOption(string key, string value) => this with { GlobalOptions = GlobalOptions.SetItem(key, value) };

    /// <summary>Adds a metadata reference by assembly path.</summary>
    public GeneratorInput WithReference(string assemblyPath) => this with { ExtraReferencePaths = ExtraReferencePaths.Add(assemblyPath) };
}

/// <summary>A C# input file.</summary>
public sealed record InputFile(string Path, string Text);

/// <summary>An additional (non-C#) input file and its MSBuild metadata as the generator sees it.</summary>
public sealed record InputAdditionalFile(string Path, string Text, ImmutableDictionary<string, string> Metadata);

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// A generator driver kept across runs, for incremental tests: edit a C# file, an additional file
/// or an option, re-run, and inspect the run reasons of the tracked steps.
/// </summary>
/// <example>
/// <code>
/// var session = GeneratorSession.Start(input, new KrytenHandlerGenerator());
/// session.Rerun();                                       // no change
/// IncrementalAssert.AllCachedOrUnchanged(session.Output.RunResult);
/// session.ReplaceSource("Other.cs", "class Other { int X; }");
/// IncrementalAssert.StepReasons(session.Output.RunResult, "HandlerClasses", IncrementalStepRunReason.Cached);
/// </code>
/// </example>
public sealed class GeneratorSession
{
    private GeneratorDriver _driver;
    private Compilation _compilation;
    private GeneratorInput _input;
    private readonly Dictionary<string, AdditionalText> _additionalTexts;

    private GeneratorSession(GeneratorDriver driver, Compilation compilation, GeneratorInput input)
    {
        _driver = driver;
        _compilation = compilation;
        _input = input;
        _additionalTexts = [];
        Output = null!;
    }

    /// <summary>The result of the latest run.</summary>
    public GeneratorRunOutput Output { get; private set; }

    /// <summary>Creates the driver (step tracking on) and runs it once.</summary>
    public static GeneratorSession Start(GeneratorInput input, params IIncrementalGenerator[] generators)
    {
        var texts = input.AdditionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        var driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            texts,
            GeneratorRunner.ParseOptions,
            InMemoryAnalyzerConfigOptionsProvider.From(input),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var session = new GeneratorSession(driver, GeneratorRunner.CreateCompilation(input), input);
        foreach (var text in texts)
        {
            session._additionalTexts[text.Path] = text;
        }

        session.Run();
        return session;
    }

    /// <summary>Runs again over a fresh clone of the current compilation (nothing changed).</summary>
    public GeneratorRunOutput Rerun()
    {
        _compilation = _compilation.Clone();
        return Run();
    }

    /// <summary>Replaces (or adds) the C# file at <paramref name="path"/> and re-runs.</summary>
    public GeneratorRunOutput ReplaceSource(string path, string text)
    {
        var newTree = GeneratorRunner.ParseFile(new InputFile(path, text));
        var oldTree = _compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
        _compilation = oldTree is null ? _compilation.AddSyntaxTrees(newTree) : _compilation.ReplaceSyntaxTree(oldTree, newTree);
        return Run();
    }

    /// <summary>Replaces (or adds) the additional file at <paramref name="path"/> (keeping its metadata) and re-runs.</summary>
    public GeneratorRunOutput ReplaceAdditionalFile(string path, string text, params (string Key, string Value)[] metadataForNewFile)
    {
        var replacement = new InMemoryAdditionalText(path, text);
        if (_additionalTexts.TryGetValue(path, out var old))
        {
            _driver = _driver.ReplaceAdditionalText(old, replacement);
        }
        else
        {
            _input = _input.WithAdditionalFile(path, text, metadataForNewFile);
            _driver = _driver
                .AddAdditionalTexts([replacement])
                .WithUpdatedAnalyzerConfigOptions(InMemoryAnalyzerConfigOptionsProvider.From(_input));
        }

        _additionalTexts[path] = replacement;
        return Run();
    }

    /// <summary>Sets a global option (e.g. an MSBuild property) and re-runs.</summary>
    public GeneratorRunOutput SetGlobalOption(string key, string value)
    {
        _input = _input.WithGlobalOption(key, value);
        _driver = _driver.WithUpdatedAnalyzerConfigOptions(InMemoryAnalyzerConfigOptionsProvider.From(_input));
        return Run();
    }

    private GeneratorRunOutput Run()
    {
        _driver = _driver.RunGeneratorsAndUpdateCompilation(_compilation, out var output, out _);
        Output = new GeneratorRunOutput(_driver.GetRunResult(), _compilation, output);
        return Output;
    }
}

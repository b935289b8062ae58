using System.Diagnostics;
using System.Text.Json;
using Kryten.Sdk.Generators.Schema.Binding;
using Kryten.Sdk.Generators.Schema.Model;
using Kryten.Sdk.Generators.Schema.Parsing;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Kryten.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>The repository's schema against the catalog and the bridge's command table.</summary>
public sealed class SdkSchemaTests(ITestOutputHelper output)
{
    private static readonly string[] LeftOut = ["unkick", "playlist.move", "playlist.queue", "playlist.delete"];

    private static BoundSchema Bind()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "schema"), "*.yaml", SearchOption.AllDirectories)
            .Select(path => SchemaFileParser.Parse(path, File.ReadAllText(path), CancellationToken.None))
            .ToArray();
        files.SelectMany(f => f.Diagnostics).ShouldBeEmpty();
        var bound = SchemaBinder.Bind([.. files], new GeneratorOptions(Sdk: true, "Kryten.Sdk"), CancellationToken.None);
        bound.Diagnostics.ShouldBeEmpty();
        return bound;
    }

    [Fact]
    public void Every_catalog_event_has_a_record()
    {
        var bound = Bind();
        var catalog = ContractVectors.Vectors("events.json")
            .Where(v => v.GetProperty("in_catalog").GetBoolean())
            .Select(v => v.GetProperty("cytube_event").GetString()!)
            .ToHashSet(StringComparer.Ordinal);

        catalog.Count.ShouldBe(65);
        bound.Registry!.Entries.Select(e => e.Cytube).ShouldBe(catalog, ignoreOrder: true);
    }

    [Fact]
    public void Every_bridge_operation_has_a_method_reading_the_bridge_keys()
    {
        var bound = Bind();
        var byCommand = bound.Commands.ToDictionary(c => c.Command, StringComparer.Ordinal);
        var vectors = ContractVectors.Vectors("commands.json");
        var operations = vectors.Select(v => v.GetProperty("operation")).Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).Distinct().ToArray();

        foreach (var operation in operations.Except(LeftOut))
        {
            byCommand.ShouldContainKey(operation);
        }

        foreach (var vector in vectors.Where(v => v.GetProperty("scenario").GetString() == "success"))
        {
            var request = vector.GetProperty("request");
            var command = request.GetProperty("command").GetString()!;
            if (LeftOut.Contains(command) || !request.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var keys = byCommand[command].Args.Select(a => a.Json).ToHashSet(StringComparer.Ordinal);
            foreach (var property in args.EnumerateObject())
            {
                keys.ShouldContain(property.Name, $"{vector.GetProperty("name").GetString()}: '{command}' sends '{property.Name}'");
            }
        }
    }

    [Fact]
    public void Counts_match_the_catalog_and_command_table()
    {
        var bound = Bind();
        var commands = bound.Commands.Count(c => !c.IsQuery);
        var queries = bound.Commands.Count(c => c.IsQuery);
        var diagnostics = typeof(Kryten.Sdk.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields().Count(f => f.FieldType == typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor) && ((Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!).Id.StartsWith("KRY0", StringComparison.Ordinal));
        output.WriteLine($"events={bound.Registry!.Entries.Count} records={bound.Objects.Count} commands={commands} queries={queries} schemaDiagnostics={diagnostics}");

        bound.Registry.Entries.Count.ShouldBe(65);
        commands.ShouldBe(42);                               // 45 of the 49 operations minus system.ping/health/stats, which are queries
        queries.ShouldBe(20);                                // 11 state.* + 9 system.*
        bound.Commands.Count(c => c.Command is "system.ping" or "system.health" or "system.stats").ShouldBe(3);
    }

    [Fact]
    public void Sdk_schema_generates_without_diagnostics_and_reports_its_cost()
    {
        var input = SchemaTestInputs.SdkInput();
        var compilation = GeneratorRunner.CreateCompilation(input);
        var texts = input.AdditionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
            [new KrytenSchemaGenerator().AsSourceGenerator()], texts, GeneratorRunner.ParseOptions, InMemoryAnalyzerConfigOptionsProvider.From(input));

        var watch = Stopwatch.StartNew();
        var cold = Driver().RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        var coldMs = watch.ElapsedMilliseconds;
        watch.Restart();
        var warm = Driver().RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        var warmMs = watch.ElapsedMilliseconds;

        cold.Diagnostics.ShouldBeEmpty();
        warm.Diagnostics.ShouldBeEmpty();
        warm.Results.ShouldAllBe(r => r.Exception == null);
        var files = warm.Results.SelectMany(r => r.GeneratedSources).ToArray();
        files.ShouldContain(f => f.HintName == "Kryten.Sdk.KrytenWire.g.cs");
        output.WriteLine($"schema generator on the SDK schema: first run in this process {coldMs} ms, fresh driver after warm-up {warmMs} ms; " +
            $"{files.Length} files, {files.Sum(f => f.SourceText.Length) / 1024} KiB");
    }
}

using System.Linq;
using Kryten.Sdk.Generators.Schema.Model;
using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators;

/// <summary>
/// Turns the Kryten YAML schema (AdditionalFiles with <c>KrytenSchema="true"</c>) into event records, JSON
/// metadata, the event registry, command methods and the wire literals. Parse per file → bind all files →
/// one output per record/command, so an edit re-runs only what it touches. The logic lives in
/// <see cref="Execute"/>; this file is the pipeline.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class KrytenSchemaGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => Execute.ReadOptions(provider.GlobalOptions))
            .WithTrackingName(SchemaStepNames.Options);

        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => Execute.IsSchemaFile(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(SchemaStepNames.SchemaFiles)
            .Select(static (text, ct) => Execute.Parse(text, ct))
            .WithTrackingName(SchemaStepNames.ParsedFiles);

        var bound = files.Collect()
            .Combine(options)
            .Select(static (pair, ct) => Execute.Bind(pair.Left, pair.Right, ct))
            .WithTrackingName(SchemaStepNames.Bound);

        context.RegisterSourceOutput(files.Select(static (f, _) => f.Diagnostics), Execute.ReportDiagnostics);
        context.RegisterSourceOutput(bound.Select(static (b, _) => b.Diagnostics), Execute.ReportDiagnostics);

        var objects = bound.SelectMany(static (b, _) => b.Objects).WithTrackingName(SchemaStepNames.Objects);
        context.RegisterSourceOutput(objects, Execute.EmitObject);

        var commands = bound.SelectMany(static (b, _) => b.Commands).WithTrackingName(SchemaStepNames.Commands);
        context.RegisterSourceOutput(commands, Execute.EmitCommand);
        context.RegisterSourceOutput(bound.Select(static (b, _) => b.CommandsNamespace).WithTrackingName(SchemaStepNames.CommandsClass), Execute.EmitCommandsClass);
        context.RegisterSourceOutput(bound.Select(static (b, _) => b.Commands).WithTrackingName(SchemaStepNames.CommandCatalog), Execute.EmitCommandCatalog);

        var services = bound.SelectMany(static (b, _) => b.Services).WithTrackingName(SchemaStepNames.Services);
        context.RegisterSourceOutput(services, Execute.EmitService);

        context.RegisterSourceOutput(bound.Select(static (b, _) => b.Context).WithTrackingName(SchemaStepNames.Context), Execute.EmitContext);
        context.RegisterSourceOutput(bound.Select(static (b, _) => b.Registry).WithTrackingName(SchemaStepNames.Registry), Execute.EmitRegistry);
        context.RegisterSourceOutput(bound.Select(static (b, _) => b.Wire).WithTrackingName(SchemaStepNames.Wire), Execute.EmitWire);
    }
}

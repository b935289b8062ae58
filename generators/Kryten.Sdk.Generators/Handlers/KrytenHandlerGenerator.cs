using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Emit;
using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Handlers;

/// <summary>
/// Emits <c>IKrytenHandlerSet</c> for every partial class with <c>[KrytenHandler]</c> methods.
/// Pipeline: methods (FAWMN, symbols → values) + user-schema event names (YAML) → per-class models
/// → diagnostics output and, gated on the location-free dispatch model, source output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KrytenHandlerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                HandlerMethodParser.HandlerAttributeMetadataName,
                HandlerMethodParser.IsCandidate,
                HandlerMethodParser.Parse)
            .WithTrackingName(HandlerStepNames.HandlerMethods);

        var userNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => UserSchemaEventReader.UserNamespace(options.GlobalOptions));
        var userEvents = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => UserSchemaEventReader.IsUserSchemaFile(pair.Left, pair.Right))
            .Select(static (pair, ct) => UserSchemaEventReader.Read(pair.Left, ct))
            .Collect()
            .Combine(userNamespace)
            .Select(static (pair, _) => new UserSchemaEvents(pair.Right, pair.Left.SelectMany(e => e).ToEquatableArray()))
            .WithTrackingName(HandlerStepNames.UserSchemaEvents);

        var classes = methods
            .Collect()
            .Combine(userEvents)
            .SelectMany(static (pair, _) => HandlerClassBuilder.Build(pair.Left, pair.Right))
            .WithTrackingName(HandlerStepNames.HandlerClasses);

        context.RegisterSourceOutput(
            classes.Select(static (model, _) => model.Diagnostics),
            static (spc, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

        var dispatch = classes
            .Where(static model => model.Dispatch is not null)
            .Select(static (model, _) => model.Dispatch!)
            .WithTrackingName(HandlerStepNames.DispatchModels);

        context.RegisterSourceOutput(dispatch, static (spc, model) => spc.AddSource(model.HintName, DispatchEmitter.Emit(model)));
    }
}

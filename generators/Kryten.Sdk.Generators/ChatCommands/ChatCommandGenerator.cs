using Kryten.Sdk.Generators.Emit;
using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.ChatCommands;

/// <summary>
/// Emits <c>IKrytenChatCommandSet</c> for every partial class with <c>[ChatCommand]</c> methods: a descriptor table
/// (names, usage, help, preconditions) and a dispatch that reads the typed arguments and calls the method.
/// Pipeline: methods (FAWMN, symbols → values) → per-class models → diagnostics output and, gated on the
/// location-free set model, source output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ChatCommandGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ChatCommandParser.CommandAttributeMetadataName,
                ChatCommandParser.IsCandidate,
                ChatCommandParser.Parse)
            .WithTrackingName(ChatCommandStepNames.CommandMethods);

        var classes = methods
            .Collect()
            .SelectMany(static (all, _) => ChatCommandSetBuilder.Build(all))
            .WithTrackingName(ChatCommandStepNames.CommandClasses);

        context.RegisterSourceOutput(
            classes.Select(static (model, _) => model.Diagnostics),
            static (spc, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

        var sets = classes
            .Where(static model => model.Set is not null)
            .Select(static (model, _) => model.Set!)
            .WithTrackingName(ChatCommandStepNames.CommandSets);

        context.RegisterSourceOutput(sets, static (spc, model) => spc.AddSource(model.HintName, ChatCommandEmitter.Emit(model)));
    }
}

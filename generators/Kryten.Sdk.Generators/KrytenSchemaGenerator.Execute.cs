using System;
using System.Collections.Immutable;
using System.Threading;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Kryten.Sdk.Generators.Emit;
using Kryten.Sdk.Generators.Schema.Binding;
using Kryten.Sdk.Generators.Schema.Model;
using Kryten.Sdk.Generators.Schema.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Kryten.Sdk.Generators;

public sealed partial class KrytenSchemaGenerator
{
    /// <summary>The pipeline's steps. Each emit step turns a bug into KRY012 instead of failing the build's generator run.</summary>
    internal static class Execute
    {
        public const string ModeProperty = "build_property.KrytenSchemaMode";
        public const string NamespaceProperty = "build_property.KrytenSchemaNamespace";
        public const string RootNamespaceProperty = "build_property.RootNamespace";
        public const string SchemaMetadata = "build_metadata.AdditionalFiles.KrytenSchema";

        public static GeneratorOptions ReadOptions(AnalyzerConfigOptions options)
        {
            var sdk = options.TryGetValue(ModeProperty, out var mode) && string.Equals(mode, "sdk", StringComparison.OrdinalIgnoreCase);
            var ns = options.TryGetValue(NamespaceProperty, out var explicitNs) && !string.IsNullOrWhiteSpace(explicitNs)
                ? explicitNs.Trim()
                : options.TryGetValue(RootNamespaceProperty, out var root) && !string.IsNullOrWhiteSpace(root) ? root.Trim() : "KrytenSchema";
            return new GeneratorOptions(sdk, ns);
        }

        public static bool IsSchemaFile(AdditionalText text, AnalyzerConfigOptionsProvider provider) =>
            (text.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            && provider.GetOptions(text).TryGetValue(SchemaMetadata, out var flag)
            && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

        public static SchemaFile Parse(AdditionalText text, CancellationToken cancellationToken) =>
            SchemaFileParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString(), cancellationToken);

        public static BoundSchema Bind(ImmutableArray<SchemaFile> files, GeneratorOptions options, CancellationToken cancellationToken) =>
            SchemaBinder.Bind(files, options, cancellationToken);

        public static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        public static void EmitObject(SourceProductionContext context, ObjectModel model) => Guard(context, model.Name, () =>
        {
            Add(context, RecordEmitter.HintName(model), RecordEmitter.Emit(model));
            Add(context, ConverterEmitter.HintName(model), ConverterEmitter.Emit(model));
        });

        public static void EmitCommand(SourceProductionContext context, CommandModel command) =>
            Guard(context, command.Command, () => Add(context, CommandEmitter.HintName(command), CommandEmitter.Emit(command)));

        public static void EmitService(SourceProductionContext context, ServiceModel service) =>
            Guard(context, service.Name, () => Add(context, ServiceEmitter.HintName(service), ServiceEmitter.Emit(service)));

        public static void EmitCommandsClass(SourceProductionContext context, string? ns)
        {
            if (ns is not null)
            {
                Guard(context, "KrytenCommands", () => Add(context, CommandEmitter.ClassHintName(ns), CommandEmitter.EmitClass(ns)));
            }
        }

        public static void EmitCommandCatalog(SourceProductionContext context, EquatableArray<CommandModel> commands)
        {
            if (commands.Count > 0)
            {
                var ns = commands[0].Namespace;
                Guard(context, "KrytenCommandCatalog", () => Add(context, CatalogEmitter.HintName(ns), CatalogEmitter.Emit(ns, commands)));
            }
        }

        public static void EmitContext(SourceProductionContext context, ContextModel? model)
        {
            if (model is not null)
            {
                Guard(context, "KrytenJsonContext", () => Add(context, ContextEmitter.HintName(model), ContextEmitter.Emit(model)));
            }
        }

        public static void EmitRegistry(SourceProductionContext context, RegistryModel? model)
        {
            if (model is not null)
            {
                Guard(context, "KrytenEventRegistry", () => Add(context, RegistryEmitter.HintName(model), RegistryEmitter.Emit(model)));
            }
        }

        public static void EmitWire(SourceProductionContext context, WireModel? model)
        {
            if (model is not null)
            {
                Guard(context, "KrytenWire", () => Add(context, WireEmitter.HintName(model), WireEmitter.Emit(model)));
            }
        }

        private static void Add(SourceProductionContext context, string hintName, string source) =>
            context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));

        private static void Guard(SourceProductionContext context, string target, Action emit)
        {
            try
            {
                emit();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, null, target, e.GetType().Name + ": " + e.Message));
            }
        }
    }
}

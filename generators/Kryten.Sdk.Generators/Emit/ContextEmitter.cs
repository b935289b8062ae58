using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits <c>KrytenJsonContext</c>: a <c>JsonSerializerContext</c> and <c>IJsonTypeInfoResolver</c> whose
/// type infos are value infos over the generated converters (<c>JsonMetadataServices.CreateValueInfo</c>).
/// </summary>
internal static class ContextEmitter
{
    public static string HintName(ContextModel model) => $"{model.Namespace}.KrytenJsonContext.g.cs";

    public static string Emit(ContextModel model)
    {
        var visibility = model.Public ? "public" : "internal";
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Generated, reflection-free JSON metadata for every record of the Kryten schema, usable with the");
        w.WriteLine("/// <see cref=\"global::System.Text.Json.JsonSerializer\"/> APIs and as a type info resolver. Names and shapes are CyTube's.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>");
        w.WriteLine("/// var jsonOptions = new global::System.Text.Json.JsonSerializerOptions { TypeInfoResolver = KrytenJsonContext.Default };");
        w.WriteLine($"/// var info = KrytenJsonContext.Default.GetTypeInfo(typeof({(model.TypeNames.Count > 0 ? model.TypeNames[0] : "object")}));");
        w.WriteLine("/// </code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"{visibility} sealed partial class KrytenJsonContext : global::System.Text.Json.Serialization.JsonSerializerContext, global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver");
        w.OpenBlock();
        w.WriteLine($"private static readonly {Names.JsonSerializerOptions} s_defaultOptions = new();");
        w.WriteLine();
        w.WriteLine("/// <summary>The shared instance over default options.</summary>");
        w.WriteLine($"public static global::{model.Namespace}.KrytenJsonContext Default {{ get; }} = new(new {Names.JsonSerializerOptions}(s_defaultOptions));");
        w.WriteLine();
        w.WriteLine("/// <summary>Creates a context bound to <paramref name=\"options\"/> (which becomes read-only on first use).</summary>");
        w.WriteLine("/// <param name=\"options\">The options to bind.</param>");
        w.WriteLine($"public KrytenJsonContext({Names.JsonSerializerOptions} options)");
        w.WriteLine("    : base(options)");
        w.OpenBlock();
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <inheritdoc/>");
        w.WriteLine($"protected override {Names.JsonSerializerOptions}? GeneratedSerializerOptions {{ get; }} = s_defaultOptions;");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc/>");
        w.WriteLine($"public override global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        w.OpenBlock();
        w.WriteLine("Options.TryGetTypeInfo(type, out var typeInfo);");
        w.WriteLine("return typeInfo;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Names.JsonSerializerOptions} options)");
        w.OpenBlock();
        foreach (var name in model.TypeNames)
        {
            var self = $"global::{model.Namespace}.{name}";
            w.WriteLine($"if (type == typeof({self}))");
            w.OpenBlock();
            w.WriteLine($"return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<{self}>(options, new global::{model.Namespace}.KrytenJsonContext.{name}Converter());");
            w.CloseBlock();
            w.WriteLine();
        }

        w.WriteLine("return null;");
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }
}

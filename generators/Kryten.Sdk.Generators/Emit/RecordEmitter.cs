using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>Emits one sealed immutable record (event or shared type) with XML docs.</summary>
internal static class RecordEmitter
{
    public static string HintName(ObjectModel model) => $"{model.Namespace}.{model.Name}.g.cs";

    public static string Emit(ObjectModel model)
    {
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine($"/// <summary>{(model.Doc is not null ? Names.Xml(model.Doc) : model.CytubeEvent is null ? $"The CyTube object {model.Name}." : model.Lifecycle ? $"The lifecycle event <c>{Names.Xml(model.CytubeEvent)}</c>." : $"The CyTube event <c>{Names.Xml(model.CytubeEvent)}</c>.")}</summary>");
        var self = $"global::{model.Namespace}.{model.Name}";
        var shape = model.Shape switch
        {
            ShapeKind.Object => "a JSON object",
            ShapeKind.List => "a JSON array of items",
            ShapeKind.Args => "a JSON array of positional Socket.IO arguments",
            ShapeKind.Value => "a bare JSON value",
            _ => "no payload (JSON null)",
        };
        if (model.CytubeEvent is { } evt)
        {
            var tags = model.Tags.Count == 0 ? string.Empty : $" Tags: {Names.Xml(string.Join(", ", model.Tags))}.";
            w.WriteLine(model.Lifecycle
                ? $"/// <remarks>Lifecycle event <c>{Names.Xml(evt)}</c>: {shape} on its own lifecycle subject, not in a bridge envelope.{tags}</remarks>"
                : $"/// <remarks>Socket.IO event <c>{Names.Xml(evt)}</c>; payload: {shape}.{tags}</remarks>");
            // A whole handler class, not just the method: handlers must be in a partial class (KRY102), the usual slip.
            w.WriteLine("/// <example>");
            w.WriteLine("/// <code>");
            w.WriteLine("/// public sealed partial class MyBot");
            w.WriteLine("/// {");
            w.WriteLine("///     [KrytenHandler]");
            w.WriteLine($"///     public Task On{model.Name}({model.Name} e, EventContext ctx) =&gt; Task.CompletedTask;");
            w.WriteLine("/// }");
            w.WriteLine("/// </code>");
            w.WriteLine("/// </example>");
            w.WriteLine($"[global::Kryten.Sdk.KrytenEvent({Names.Literal(evt)})]");
        }
        else
        {
            w.WriteLine($"/// <remarks>Read from and written as {shape}.</remarks>");
            var file = char.ToLowerInvariant(model.Name[0]) + model.Name.Substring(1) + ".json";
            w.WriteLine("/// <example>");
            w.WriteLine("/// <code>");
            w.WriteLine($"/// string json = File.ReadAllText(\"{file}\");");
            w.WriteLine($"/// var value = global::System.Text.Json.JsonSerializer.Deserialize(json, KrytenJsonContext.Default.{model.Name});");
            w.WriteLine("/// </code>");
            w.WriteLine("/// </example>");
        }

        w.WriteLine(GeneratedCodeStamp.Attribute);
        var interfaces = model.CytubeEvent is null ? string.Empty : $" : global::Kryten.Sdk.IKrytenEvent<{self}>";
        w.WriteLine($"public sealed partial record {model.Name}{interfaces}");
        w.OpenBlock();
        if (model.CytubeEvent is { } name)
        {
            if (model.Lifecycle)
            {
                w.WriteLine("/// <summary>The lifecycle event's name, its subject after the lifecycle prefix (not a CyTube event).</summary>");
                w.WriteLine($"public static string CytubeEventName => {Names.Literal(name)};");
                w.WriteLine();
                w.WriteLine("/// <summary>A lifecycle event: flat JSON on its own subject, not a bridge envelope.</summary>");
                w.WriteLine("public static global::Kryten.Sdk.KrytenEventSource EventSource => global::Kryten.Sdk.KrytenEventSource.Lifecycle;");
            }
            else
            {
                w.WriteLine("/// <summary>The Socket.IO event name exactly as CyTube sends it.</summary>");
                w.WriteLine($"public static string CytubeEventName => {Names.Literal(name)};");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>Generated, reflection-free JSON metadata for this record.</summary>");
            w.WriteLine($"public static {Names.JsonTypeInfoOf}<{self}> JsonTypeInfo => global::{model.Namespace}.KrytenJsonContext.Default.{model.Name};");
            w.WriteLine();
            w.WriteLine("/// <summary>Reads the record from the CyTube payload the reader is on, leaving it on the payload's last token.</summary>");
            w.WriteLine("/// <param name=\"reader\">A reader on the payload's first token.</param>");
            w.WriteLine("/// <returns>The record.</returns>");
            w.WriteLine($"public static {self} ReadJson(ref {Names.JsonReader} reader) => global::{model.Namespace}.KrytenJsonContext.{model.Name}Converter.ReadValue(ref reader);");
            w.WriteLine();
        }

        foreach (var field in model.Fields)
        {
            WriteField(w, field);
        }

        if (model.KeepExtra)
        {
            w.WriteLine("/// <summary>Keys CyTube sent that the schema does not list, kept as JSON; null when there were none.</summary>");
            w.WriteLine($"public global::System.Collections.Generic.IReadOnlyDictionary<string, {Names.JsonElement}>? Extra {{ get; init; }}");
            w.WriteLine();
        }

        foreach (var derived in model.Derived)
        {
            WriteDerived(w, derived);
        }

        foreach (var forwarder in model.Forwarders)
        {
            w.WriteLine($"/// <summary>{forwarder.Doc}</summary>");
            w.WriteLine($"public {forwarder.Type} {forwarder.Name} => {forwarder.Expression};");
            w.WriteLine();
        }

        w.CloseBlock();

        // Every member ends with a blank line; the last one must not stand before the closing brace.
        return w.ToString().Replace(";\n\n}\n", ";\n}\n");
    }

    private static void WriteField(SourceWriter w, FieldModel field)
    {
        var doc = field.Doc is not null ? Names.Xml(field.Doc) : field.Json.Length > 0 && field.Json is not ("value" or "items") ? $"The <c>{Names.Xml(field.Json)}</c> value." : "The payload value.";
        if (field.Doc is not null && field.Json.Length > 0 && field.Json is not ("value" or "items"))
        {
            doc += $" (JSON <c>{Names.Xml(field.Json)}</c>)";
        }

        var absence = field.Absent switch
        {
            Absence.Null => " Null when absent.",
            Absence.Default => field.DefaultExpr is null ? " Defaulted when absent." : $" {Names.Xml(field.DefaultExpr)} when absent.",
            _ => string.Empty,
        };
        var required = field.Absent == Absence.Error ? "required " : string.Empty;
        var init = field.Absent == Absence.Default ? $" = {DefaultExpression(field)};" : string.Empty;
        var type = Names.CSharp(field.Type);
        switch (field.Type.Kind)
        {
            case ValueKind.EpochMs:
                w.WriteLine($"/// <summary>{doc} Milliseconds since the Unix epoch.{absence}</summary>");
                w.WriteLine($"public {required}{type} {field.Name}Ms {{ get; init; }}{init}");
                w.WriteLine();
                w.WriteLine($"/// <summary>{doc} As a UTC instant.</summary>");
                w.WriteLine(field.Type.Nullable
                    ? $"public global::System.DateTimeOffset? {field.Name}Utc => {field.Name}Ms is {{ }} ms ? global::System.DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;"
                    : $"public global::System.DateTimeOffset {field.Name}Utc => global::System.DateTimeOffset.FromUnixTimeMilliseconds({field.Name}Ms);");
                break;
            case ValueKind.JsonString:
                w.WriteLine($"/// <summary>{doc} Parsed from the JSON text CyTube sends as a string.{absence}</summary>");
                w.WriteLine($"public {required}{type} {field.Name} {{ get; init; }}");
                w.WriteLine();
                w.WriteLine($"/// <summary>{doc} The JSON text exactly as sent.</summary>");
                w.WriteLine($"public {required}string{(field.Type.Nullable ? "?" : string.Empty)} {field.Name}Raw {{ get; init; }}");
                break;
            case ValueKind.JsonOrJsonString:
                w.WriteLine($"/// <summary>{doc} An object, or the parsed JSON text when CyTube sent it as a string.{absence}</summary>");
                w.WriteLine($"public {required}{type} {field.Name} {{ get; init; }}{init}");
                w.WriteLine();
                w.WriteLine($"/// <summary>{doc} The JSON text when it came as a string; otherwise null.</summary>");
                w.WriteLine($"public string? {field.Name}Raw {{ get; init; }}");
                break;
            default:
                w.WriteLine($"/// <summary>{doc}{absence}</summary>");
                w.WriteLine($"public {required}{type} {field.Name} {{ get; init; }}{init}");
                break;
        }

        w.WriteLine();
    }

    /// <summary>The value an absent field with <c>absent: default</c> gets.</summary>
    public static string DefaultExpression(FieldModel field)
    {
        if (field.DefaultExpr is { } expr)
        {
            return expr;
        }

        var type = field.Type;
        return type.Kind switch
        {
            _ when type.Nullable => "null",
            ValueKind.String => "\"\"",
            ValueKind.List => $"global::System.Array.Empty<{Names.CSharp(type.Element!)}>()",
            ValueKind.Map => $"new global::System.Collections.Generic.Dictionary<string, {Names.CSharp(type.Element!)}>()",
            _ => "default",
        };
    }

    private static void WriteDerived(SourceWriter w, DerivedModel d)
    {
        const string p = Names.DerivedValues;
        var src = d.Source;
        var nullable = d.SourceType.Nullable;
        string type;
        string expr;
        switch (d.Kind)
        {
            case "integerOrNumericString":
                type = "long?";
                expr = d.SourceType.Kind is ValueKind.Int or ValueKind.Long ? $"({type}){src}" : $"{p}.IntegerOrNumericString({src})";
                break;
            case "equalsString":
                type = "bool";
                expr = $"{p}.EqualsString({src}, {Names.Literal(d.Value!)})";
                break;
            case "truthy":
                type = "bool";
                expr = d.SourceType.Kind switch
                {
                    ValueKind.Bool => $"{src} == true",
                    ValueKind.String => $"!string.IsNullOrEmpty({src})",
                    ValueKind.Int or ValueKind.Long or ValueKind.Double or ValueKind.EpochMs => nullable ? $"{src} is {{ }} n && n != 0" : $"{src} != 0",
                    _ => $"{p}.Truthy({src})",
                };
                break;
            case "anyString":
                type = "bool";
                expr = $"{p}.AnyString({src})";
                break;
            default:
                type = "string?";
                expr = $"{p}.PathString({string.Join(", ", new[] { src }.Concat(d.Path.Select(Names.Literal)))})";
                break;
        }

        var doc = d.Doc is null ? $"Derived from <c>{src}</c> ({d.Kind})." : Names.Xml(d.Doc);
        w.WriteLine($"/// <summary>{doc}</summary>");
        w.WriteLine($"public {type} {d.Name} => {expr};");
        w.WriteLine();
    }
}

using System.Collections.Generic;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits the JSON part of one record: its <c>JsonTypeInfo</c> property on the context and a nested
/// converter with static <c>ReadValue</c>/<c>WriteValue</c> written against Utf8JsonReader/Writer.
/// Every malformed input surfaces as a <c>JsonException</c>.
/// </summary>
internal static partial class ConverterEmitter
{
    private const string R = Names.JsonReadHelpers;

    public static string HintName(ObjectModel model) => $"{model.Namespace}.KrytenJsonContext.{model.Name}.g.cs";

    public static string Emit(ObjectModel model)
    {
        var code = new JsonCode();
        var self = $"global::{model.Namespace}.{model.Name}";
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine("partial class KrytenJsonContext");
        w.OpenBlock();
        w.WriteLine($"private {Names.JsonTypeInfoOf}<{self}>? _{model.Name};");
        w.WriteLine();
        w.WriteLine($"/// <summary>Generated JSON metadata for <see cref=\"{self}\"/>.</summary>");
        w.WriteLine($"public {Names.JsonTypeInfoOf}<{self}> {model.Name} => _{model.Name} ??= ({Names.JsonTypeInfoOf}<{self}>)Options.GetTypeInfo(typeof({self}));");
        w.WriteLine();
        w.WriteLine($"/// <summary>Reads and writes <see cref=\"{self}\"/> in CyTube's JSON shape.</summary>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"internal sealed class {model.Name}Converter : {Names.JsonConverterOf}<{self}>");
        w.OpenBlock();
        if (model.CytubeEvent is not null)
        {
            // An event payload of JSON null is either the event (payload: null) or a wrong shape: never a null record.
            w.WriteLine("public override bool HandleNull => true;");
            w.WriteLine();
        }

        w.WriteLine($"public override {self} Read(ref {Names.JsonReader} reader, global::System.Type typeToConvert, {Names.JsonSerializerOptions} options) => ReadValue(ref reader);");
        w.WriteLine();
        w.WriteLine($"public override void Write({Names.JsonWriter} writer, {self} value, {Names.JsonSerializerOptions} options)");
        w.OpenBlock();
        w.WriteLine("if (value is null)");
        w.OpenBlock();
        w.WriteLine("writer.WriteNullValue();");
        w.CloseBlock();
        w.WriteLine("else");
        w.OpenBlock();
        w.WriteLine("WriteValue(writer, value);");
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"public static {self} ReadValue(ref {Names.JsonReader} reader)");
        w.OpenBlock();
        switch (model.Shape)
        {
            case ShapeKind.Object:
                ReadObject(w, model, code, self);
                break;
            case ShapeKind.Args:
                ReadArgs(w, model, code, self);
                break;
            case ShapeKind.Null:
                w.WriteLine($"{R}.Skip(ref reader);");
                w.WriteLine($"return new {self}();");
                break;
            default:
                var field = model.Fields[0];
                DeclareLocals(w, 0, field);
                ReadInto(w, 0, field, code);
                w.WriteLine($"return new {self}");
                w.OpenBlock();
                Assign(w, 0, field with { Absent = field.Absent == Absence.Null ? Absence.Null : Absence.Error }, model.Name);
                w.CloseBlock(";");
                break;
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"public static void WriteValue({Names.JsonWriter} writer, {self} value)");
        w.OpenBlock();
        WriteBody(w, model, code);
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static void ReadObject(SourceWriter w, ObjectModel model, JsonCode code, string self)
    {
        w.WriteLine($"if (reader.TokenType != {Names.JsonTokenType}.StartObject)");
        w.OpenBlock();
        w.WriteLine($"throw {R}.Unexpected(ref reader, \"an object\", {Names.Literal(model.Name)});");
        w.CloseBlock();
        w.WriteLine();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            DeclareLocals(w, i, model.Fields[i]);
            w.WriteLine($"var h{i} = false;");
        }

        if (model.KeepExtra)
        {
            w.WriteLine($"global::System.Collections.Generic.Dictionary<string, {Names.JsonElement}>? extra = null;");
        }

        w.WriteLine("while (true)");
        w.OpenBlock();
        w.WriteLine($"{R}.Advance(ref reader);");
        w.WriteLine($"if (reader.TokenType == {Names.JsonTokenType}.EndObject)");
        w.OpenBlock();
        w.WriteLine("break;");
        w.CloseBlock();
        w.WriteLine();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            w.WriteLine($"{(i == 0 ? "if" : "else if")} (reader.ValueTextEquals({Names.Utf8(model.Fields[i].Json)}))");
            w.OpenBlock();
            // A repeated key would silently win over the first; CyTube never sends one, so it marks a forged payload.
            w.WriteLine($"if (h{i}) throw {R}.Duplicate({Names.Literal(model.Fields[i].Json)}, {Names.Literal(model.Name)});");
            w.WriteLine($"{R}.Advance(ref reader);");
            ReadInto(w, i, model.Fields[i], code);
            w.WriteLine($"h{i} = true;");
            w.CloseBlock();
        }

        if (model.Fields.Count > 0)
        {
            w.WriteLine("else");
            w.OpenBlock();
        }

        if (model.KeepExtra)
        {
            w.WriteLine($"var key = {R}.ReadPropertyName(ref reader);");
            w.WriteLine($"{R}.Advance(ref reader);");
            w.WriteLine($"(extra ??= new global::System.Collections.Generic.Dictionary<string, {Names.JsonElement}>())[key] = {R}.ReadJson(ref reader);");
        }
        else
        {
            w.WriteLine($"{R}.Advance(ref reader);");
            w.WriteLine($"{R}.Skip(ref reader);");
        }

        if (model.Fields.Count > 0)
        {
            w.CloseBlock();
        }

        w.CloseBlock();
        w.WriteLine();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            if (model.Fields[i].Absent == Absence.Error)
            {
                w.WriteLine($"if (!h{i}) throw {R}.Missing({Names.Literal(model.Fields[i].Json)}, {Names.Literal(model.Name)});");
            }
        }

        w.WriteLine($"return new {self}");
        w.OpenBlock();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            Assign(w, i, model.Fields[i], model.Name);
        }

        if (model.KeepExtra)
        {
            w.WriteLine("Extra = extra,");
        }

        w.CloseBlock(";");
    }

    private static void ReadArgs(SourceWriter w, ObjectModel model, JsonCode code, string self)
    {
        w.WriteLine($"if (reader.TokenType != {Names.JsonTokenType}.StartArray)");
        w.OpenBlock();
        w.WriteLine($"throw {R}.Unexpected(ref reader, \"an array of arguments\", {Names.Literal(model.Name)});");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"{R}.Advance(ref reader);");
        for (var i = 0; i < model.Fields.Count; i++)
        {
            DeclareLocals(w, i, model.Fields[i]);
            var tracked = i < model.Fields.Count - 1 || model.Fields[i].Absent != Absence.Null;
            if (tracked)
            {
                w.WriteLine($"var h{i} = false;");
            }

            w.WriteLine($"if ({(i == 0 ? string.Empty : $"h{i - 1} && ")}reader.TokenType != {Names.JsonTokenType}.EndArray)");
            w.OpenBlock();
            ReadInto(w, i, model.Fields[i], code);
            if (tracked)
            {
                w.WriteLine($"h{i} = true;");
            }

            w.WriteLine($"{R}.Advance(ref reader);");
            w.CloseBlock();
        }

        w.WriteLine($"while (reader.TokenType != {Names.JsonTokenType}.EndArray)");
        w.OpenBlock();
        w.WriteLine($"{R}.Skip(ref reader);");
        w.WriteLine($"{R}.Advance(ref reader);");
        w.CloseBlock();
        w.WriteLine();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            if (model.Fields[i].Absent == Absence.Error)
            {
                w.WriteLine($"if (!h{i}) throw {R}.Missing({Names.Literal("argument " + (i + 1))}, {Names.Literal(model.Name)});");
            }
        }

        w.WriteLine($"return new {self}");
        w.OpenBlock();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            Assign(w, i, model.Fields[i], model.Name);
        }

        w.CloseBlock(";");
    }

    private static void DeclareLocals(SourceWriter w, int i, FieldModel field)
    {
        foreach (var (type, name) in Locals(i, field))
        {
            w.WriteLine($"{type} {name} = {(name[0] == 'r' ? "null" : "default")};");
        }
    }

    // The locals a field is read into: its value, and the raw text of a field that may arrive as a JSON string.
    private static IEnumerable<(string Type, string Name)> Locals(int i, FieldModel field)
    {
        var value = field.Type.Kind == ValueKind.JsonOrJsonString ? field.Type : field.Type.WithNullable(true);
        yield return (Names.CSharp(value), $"v{i}");
        if (field.Type.Kind is ValueKind.JsonString or ValueKind.JsonOrJsonString)
        {
            yield return ("string?", $"raw{i}");
        }
    }

    private static void ReadInto(SourceWriter w, int i, FieldModel field, JsonCode code)
    {
        var nullable = field.Type.Nullable;
        switch (field.Type.Kind)
        {
            case ValueKind.JsonString:
                var reader = code.ReaderFn(field.Type.Element!.WithNullable(false), 1);
                if (nullable)
                {
                    w.WriteLine($"if (reader.TokenType != {Names.JsonTokenType}.Null)");
                    w.OpenBlock();
                }

                w.WriteLine($"raw{i} = {R}.ReadString(ref reader);");
                w.WriteLine($"v{i} = {R}.ParseJsonString(raw{i}, {reader});");
                if (nullable)
                {
                    w.CloseBlock();
                }

                break;
            case ValueKind.JsonOrJsonString:
                w.WriteLine($"v{i} = {R}.ReadJsonOrJsonString(ref reader, out raw{i});");
                break;
            default:
                w.WriteLine($"v{i} = {code.Read(field.Type, "reader", 0)};");
                break;
        }
    }

    private static void Assign(SourceWriter w, int i, FieldModel field, string record)
    {
        // Locals are nullable; required fields were checked with h{i}, so "!" only states what is known.
        var value = field.Absent switch
        {
            Absence.Default => $"h{i} ? v{i}{Bang(field)} : {RecordEmitter.DefaultExpression(field)}",
            Absence.Null => $"v{i}",
            _ => $"v{i}{Bang(field)}",
        };
        switch (field.Type.Kind)
        {
            case ValueKind.EpochMs:
                w.WriteLine($"{field.Name}Ms = {value},");
                break;
            case ValueKind.JsonString:
                w.WriteLine($"{field.Name} = {value},");
                w.WriteLine($"{field.Name}Raw = raw{i}{(field.Type.Nullable ? string.Empty : "!")},");
                break;
            case ValueKind.JsonOrJsonString:
                w.WriteLine($"{field.Name} = v{i},");
                w.WriteLine($"{field.Name}Raw = raw{i},");
                break;
            default:
                w.WriteLine($"{field.Name} = {value},");
                break;
        }
    }

    private static string Bang(FieldModel field) =>
        field.Type.Nullable ? string.Empty : Names.IsStruct(field.Type) ? ".GetValueOrDefault()" : "!";
}

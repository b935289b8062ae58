using System.Collections.Generic;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits the JSON part of one record: its <c>JsonTypeInfo</c> property on the context and a nested
/// converter with static <c>ReadValue</c>/<c>WriteValue</c> written against Utf8JsonReader/Writer.
/// Every malformed input surfaces as a <c>JsonException</c>.
/// </summary>
internal static class ConverterEmitter
{
    public static string HintName(ObjectModel model) => $"{model.Namespace}.KrytenJsonContext.{model.Name}.g.cs";

    public static string Emit(ObjectModel model)
    {
        var code = new JsonCode(model.Namespace);
        var p = code.Primitives;
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
                ReadObject(w, model, code, p, self);
                break;
            case ShapeKind.Args:
                ReadArgs(w, model, code, p, self);
                break;
            case ShapeKind.Null:
                w.WriteLine($"{p}.Skip(ref reader);");
                w.WriteLine($"return new {self}();");
                break;
            default:
                var field = model.Fields[0];
                DeclareLocals(w, 0, field);
                ReadInto(w, 0, field, code, p);
                w.WriteLine($"return new {self}");
                w.OpenBlock();
                Assign(w, 0, field with { Absent = field.Absent == Absence.Null ? Absence.Null : Absence.Error }, p, model.Name);
                w.CloseBlock(";");
                break;
        }

        w.CloseBlock();
        w.WriteLine();
        if (model.Shape == ShapeKind.Object)
        {
            EmitCreate(w, model, p, self);
            w.WriteLine();
        }

        EmitEmptyObject(w, p, self);
        w.WriteLine();
        if (model.HasCanonicalPath)
        {
            EmitTryReadCanonical(w, model, code, p, self);
            w.WriteLine();
        }

        w.WriteLine($"public static void WriteValue({Names.JsonWriter} writer, {self} value)");
        w.OpenBlock();
        WriteBody(w, model, code);
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static void ReadObject(SourceWriter w, ObjectModel model, JsonCode code, string p, string self)
    {
        w.WriteLine($"if (reader.TokenType != {Names.JsonTokenType}.StartObject)");
        w.OpenBlock();
        w.WriteLine($"throw {p}.Unexpected(ref reader, \"an object\", {Names.Literal(model.Name)});");
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
        w.WriteLine($"{p}.Advance(ref reader);");
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
            w.WriteLine($"if (h{i}) throw {p}.Duplicate({Names.Literal(model.Fields[i].Json)}, {Names.Literal(model.Name)});");
            w.WriteLine($"{p}.Advance(ref reader);");
            ReadInto(w, i, model.Fields[i], code, p);
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
            w.WriteLine($"var key = {p}.ReadPropertyName(ref reader);");
            w.WriteLine($"{p}.Advance(ref reader);");
            w.WriteLine($"(extra ??= new global::System.Collections.Generic.Dictionary<string, {Names.JsonElement}>())[key] = {p}.ReadJson(ref reader);");
        }
        else
        {
            w.WriteLine($"{p}.Advance(ref reader);");
            w.WriteLine($"{p}.Skip(ref reader);");
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
                w.WriteLine($"if (!h{i}) throw {p}.Missing({Names.Literal(model.Fields[i].Json)}, {Names.Literal(model.Name)});");
            }
        }

        w.WriteLine($"return Create({CreateArguments(model, _ => null)});");
    }

    // Both readers of an object record build it here, so the fast path cannot drift from ReadValue.
    private static void EmitCreate(SourceWriter w, ObjectModel model, string p, string self)
    {
        var parameters = new List<string>();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            foreach (var (type, name) in Locals(i, model.Fields[i]))
            {
                parameters.Add($"{type} {name}");
            }

            if (model.Fields[i].Absent == Absence.Default)
            {
                parameters.Add($"bool h{i}");
            }
        }

        if (model.KeepExtra)
        {
            parameters.Add($"global::System.Collections.Generic.Dictionary<string, {Names.JsonElement}>? extra");
        }

        w.WriteLine($"private static {self} Create({string.Join(", ", parameters)})");
        w.OpenBlock();
        w.WriteLine($"return new {self}");
        w.OpenBlock();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            Assign(w, i, model.Fields[i], p, model.Name);
        }

        if (model.KeepExtra)
        {
            w.WriteLine("Extra = extra,");
        }

        w.CloseBlock(";");
        w.CloseBlock();
    }

    // The arguments of Create in its parameters' order; present(i) overrides the h{i} flag's expression.
    private static string CreateArguments(ObjectModel model, System.Func<int, string?> present)
    {
        var arguments = new List<string>();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            foreach (var (_, name) in Locals(i, model.Fields[i]))
            {
                arguments.Add(name);
            }

            if (model.Fields[i].Absent == Absence.Default)
            {
                arguments.Add(present(i) ?? $"h{i}");
            }
        }

        if (model.KeepExtra)
        {
            arguments.Add(present(-1) ?? "extra");
        }

        return string.Join(", ", arguments);
    }

    // What ReadValue makes of {}, read once: a canonical reader hands it out for a nested {} (chatMsg's usual
    // "meta": {}) instead of starting a reader for two bytes. Records are immutable, so sharing one is safe.
    private static void EmitEmptyObject(SourceWriter w, string p, string self)
    {
        w.WriteLine($"/// <summary>What <see cref=\"ReadValue\"/> reads from <c>{{}}</c>, read once and shared (records are immutable); null when <c>{{}}</c> is not a valid value.</summary>");
        w.WriteLine($"internal static readonly {self}? EmptyObject = ReadEmptyObject();");
        w.WriteLine();
        w.WriteLine($"private static {self}? ReadEmptyObject()");
        w.OpenBlock();
        w.WriteLine("try");
        w.OpenBlock();
        w.WriteLine($"var reader = new {Names.JsonReader}(\"{{}}\"u8);");
        w.WriteLine("reader.Read();");
        w.WriteLine("return ReadValue(ref reader);");
        w.CloseBlock();
        w.WriteLine($"catch (global::System.Exception e) when ({p}.IsShapeError(e))");
        w.OpenBlock();
        w.WriteLine("return null;");
        w.CloseBlock();
        w.CloseBlock();
    }

    private static void EmitTryReadCanonical(SourceWriter w, ObjectModel model, JsonCode code, string p, string self)
    {
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Reads <see cref=\"{self}\"/> without tokenizing when the object at <paramref name=\"at\"/> is laid out exactly as");
        w.WriteLine("/// Python's <c>json.dumps</c> writes it: default separators, every field present once, in schema order, no other key.");
        w.WriteLine("/// Strings without escapes, booleans and plain integers are matched directly; every other value is read by");
        w.WriteLine("/// <see cref=\"ReadValue\"/>'s own reader expression on a reader of that value alone. Anything else is declined, for");
        w.WriteLine("/// <see cref=\"ReadValue\"/> to read; what is accepted reads exactly as <see cref=\"ReadValue\"/> would read it.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <param name=\"json\">The bytes holding the object, e.g. a whole envelope.</param>");
        w.WriteLine("/// <param name=\"at\">The object's first byte; on success, just past its closing brace. Unchanged on failure.</param>");
        w.WriteLine("/// <param name=\"maxDepth\">Deepest nesting allowed, the object itself counting as one level (as <c>JsonReaderOptions.MaxDepth</c> for it alone).</param>");
        w.WriteLine("/// <param name=\"value\">The record, when read.</param>");
        w.WriteLine("/// <returns>False, not an exception, when the bytes are not in that layout or not a valid record.</returns>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>");
        w.WriteLine($"/// var at = payloadStart;");
        w.WriteLine($"/// if ({model.Name}Converter.TryReadCanonical(message, ref at, 64, out var record)) {{ /* message[payloadStart..at] was the record */ }}");
        w.WriteLine("/// </code>");
        w.WriteLine("/// </example>");
        w.WriteLine($"public static bool TryReadCanonical(global::System.ReadOnlySpan<byte> json, ref int at, int maxDepth, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {self}? value)");
        w.OpenBlock();
        w.WriteLine("value = null;");
        w.WriteLine("var pos = at;");
        // A value below the object needs a depth limit of at least one; a reader's limit of 0 would mean the default.
        w.WriteLine("if (maxDepth < 2)");
        w.OpenBlock();
        w.WriteLine("return false;");
        w.CloseBlock();
        w.WriteLine();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            var field = model.Fields[i];
            var key = Names.Utf8((i == 0 ? "{" : ", ") + "\"" + field.Json + "\": ");
            if (DirectRead(field) is { } direct)
            {
                w.WriteLine($"if (!{p}.CanonicalLiteral(json, ref pos, {key}) || !{p}.{direct}(json, ref pos, out var v{i}))");
                w.OpenBlock();
                w.WriteLine("return false;");
                w.CloseBlock();
                w.WriteLine();
                continue;
            }

            DeclareLocals(w, i, field);
            w.WriteLine($"if (!{p}.CanonicalLiteral(json, ref pos, {key}))");
            w.OpenBlock();
            w.WriteLine("return false;");
            w.CloseBlock();
            w.WriteLine();
            var sharedEmpty = field.Type is { Kind: ValueKind.Object, Nullable: false, ConverterFqn: not null };
            if (sharedEmpty)
            {
                w.WriteLine($"if ({field.Type.ConverterFqn}.EmptyObject is {{ }} empty{i} && {p}.CanonicalLiteral(json, ref pos, \"{{}}\"u8))");
                w.OpenBlock();
                w.WriteLine($"v{i} = empty{i};");
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
            }

            w.WriteLine("try");
            w.OpenBlock();
            w.WriteLine($"if (!{p}.CanonicalValue(json, pos, maxDepth - 1, out var reader))");
            w.OpenBlock();
            w.WriteLine("return false;");
            w.CloseBlock();
            w.WriteLine();
            ReadInto(w, i, field, code, p);
            w.WriteLine("pos += (int)reader.BytesConsumed;");
            w.CloseBlock();
            w.WriteLine($"catch (global::System.Exception e) when ({p}.IsShapeError(e))");
            w.OpenBlock();
            w.WriteLine("return false;");
            w.CloseBlock();
            if (sharedEmpty)
            {
                w.CloseBlock();
            }

            w.WriteLine();
        }

        w.WriteLine($"if (!{p}.CanonicalLiteral(json, ref pos, {Names.Utf8(model.Fields.Count == 0 ? "{}" : "}")}))");
        w.OpenBlock();
        w.WriteLine("return false;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"value = Create({CreateArguments(model, i => i < 0 ? "null" : "true")});");
        w.WriteLine("at = pos;");
        w.WriteLine("return true;");
        w.CloseBlock();
    }

    // The primitive matching a field's value directly, or null when a reader must read it.
    private static string? DirectRead(FieldModel field) => field.Type.Nullable ? null : field.Type.Kind switch
    {
        ValueKind.String => "CanonicalString",
        ValueKind.Bool => "CanonicalBoolean",
        ValueKind.Int => "CanonicalInt32",
        ValueKind.Long => "CanonicalInt64",
        ValueKind.EpochMs => "CanonicalEpochMs",
        _ => null,
    };

    private static void ReadArgs(SourceWriter w, ObjectModel model, JsonCode code, string p, string self)
    {
        w.WriteLine($"if (reader.TokenType != {Names.JsonTokenType}.StartArray)");
        w.OpenBlock();
        w.WriteLine($"throw {p}.Unexpected(ref reader, \"an array of arguments\", {Names.Literal(model.Name)});");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"{p}.Advance(ref reader);");
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
            ReadInto(w, i, model.Fields[i], code, p);
            if (tracked)
            {
                w.WriteLine($"h{i} = true;");
            }

            w.WriteLine($"{p}.Advance(ref reader);");
            w.CloseBlock();
        }

        w.WriteLine($"while (reader.TokenType != {Names.JsonTokenType}.EndArray)");
        w.OpenBlock();
        w.WriteLine($"{p}.Skip(ref reader);");
        w.WriteLine($"{p}.Advance(ref reader);");
        w.CloseBlock();
        w.WriteLine();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            if (model.Fields[i].Absent == Absence.Error)
            {
                w.WriteLine($"if (!h{i}) throw {p}.Missing({Names.Literal("argument " + (i + 1))}, {Names.Literal(model.Name)});");
            }
        }

        w.WriteLine($"return new {self}");
        w.OpenBlock();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            Assign(w, i, model.Fields[i], p, model.Name);
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

    private static void ReadInto(SourceWriter w, int i, FieldModel field, JsonCode code, string p)
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

                w.WriteLine($"raw{i} = {p}.ReadString(ref reader);");
                w.WriteLine($"v{i} = {p}.ParseJsonString(raw{i}, {reader});");
                if (nullable)
                {
                    w.CloseBlock();
                }

                break;
            case ValueKind.JsonOrJsonString:
                w.WriteLine($"v{i} = {p}.ReadJsonOrJsonString(ref reader, out raw{i});");
                break;
            default:
                w.WriteLine($"v{i} = {code.Read(field.Type, "reader", 0)};");
                break;
        }
    }

    private static void Assign(SourceWriter w, int i, FieldModel field, string p, string record)
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

    private static void WriteBody(SourceWriter w, ObjectModel model, JsonCode code)
    {
        switch (model.Shape)
        {
            case ShapeKind.Null:
                w.WriteLine("writer.WriteNullValue();");
                return;
            case ShapeKind.Value:
            case ShapeKind.List:
                WriteFieldValue(w, model.Fields[0], code);
                return;
            case ShapeKind.Args:
                w.WriteLine("writer.WriteStartArray();");
                var guards = new List<string>();
                foreach (var field in model.Fields)
                {
                    if (field.Absent == Absence.Null)
                    {
                        guards.Add($"value.{field.Name} is not null");
                    }

                    if (guards.Count > 0)
                    {
                        w.WriteLine($"if ({string.Join(" && ", guards)})");
                        w.OpenBlock();
                        WriteFieldValue(w, field, code);
                        w.CloseBlock();
                    }
                    else
                    {
                        WriteFieldValue(w, field, code);
                    }
                }

                w.WriteLine("writer.WriteEndArray();");
                return;
        }

        w.WriteLine("writer.WriteStartObject();");
        foreach (var field in model.Fields)
        {
            var property = field.Type.Kind == ValueKind.EpochMs ? field.Name + "Ms" : field.Name;
            var omit = field.Absent == Absence.Null && field.Type.Kind != ValueKind.JsonOrJsonString;
            if (omit)
            {
                w.WriteLine($"if (value.{property} is not null)");
                w.OpenBlock();
            }

            w.WriteLine($"writer.WritePropertyName({Names.Utf8(field.Json)});");
            WriteFieldValue(w, field, code);
            if (omit)
            {
                w.CloseBlock();
            }
        }

        if (model.KeepExtra)
        {
            w.WriteLine("if (value.Extra is { } extra)");
            w.OpenBlock();
            w.WriteLine("foreach (var pair in extra)");
            w.OpenBlock();
            w.WriteLine("writer.WritePropertyName(pair.Key);");
            w.WriteLine("pair.Value.WriteTo(writer);");
            w.CloseBlock();
            w.CloseBlock();
        }

        w.WriteLine("writer.WriteEndObject();");
    }

    private static void WriteFieldValue(SourceWriter w, FieldModel field, JsonCode code)
    {
        switch (field.Type.Kind)
        {
            case ValueKind.EpochMs:
                w.WriteLine(code.Write(field.Type with { Kind = ValueKind.Long }, "writer", $"value.{field.Name}Ms", 0));
                break;
            case ValueKind.JsonString:
                w.WriteLine(code.Write(new TypeRef(ValueKind.String, field.Type.Nullable, null, null, null, null), "writer", $"value.{field.Name}Raw", 0));
                break;
            case ValueKind.JsonOrJsonString:
                w.WriteLine($"{code.Primitives}.WriteJsonOrJsonString(writer, value.{field.Name}, value.{field.Name}Raw);");
                break;
            default:
                w.WriteLine(code.Write(field.Type, "writer", $"value.{field.Name}", 0));
                break;
        }
    }
}

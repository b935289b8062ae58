using System.Collections.Generic;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>The writing half of a record's converter: <c>WriteValue</c> puts the record back in CyTube's JSON shape.</summary>
internal static partial class ConverterEmitter
{
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
                w.WriteLine($"{Names.JsonWriteHelpers}.WriteJsonOrJsonString(writer, value.{field.Name}, value.{field.Name}Raw);");
                break;
            default:
                w.WriteLine(code.Write(field.Type, "writer", $"value.{field.Name}", 0));
                break;
        }
    }
}

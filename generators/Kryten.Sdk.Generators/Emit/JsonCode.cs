using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// C# snippets that read and write one value with <c>Utf8JsonReader</c>/<c>Utf8JsonWriter</c>, through the runtime's
/// compiled helpers (<c>Kryten.Sdk.Serialization.KrytenJsonReader</c> and <c>KrytenJsonWriter</c>).
/// Readers expect the reader on the value's first token and leave it on its last token.
/// </summary>
internal sealed class JsonCode
{
    private const string R = Names.JsonReadHelpers;
    private const string W = Names.JsonWriteHelpers;
    private int _names;

    /// <summary>An expression reading <paramref name="type"/> from reader variable <paramref name="r"/>.</summary>
    public string Read(TypeRef type, string r, int depth)
    {
        var inner = type.Kind switch
        {
            ValueKind.String => $"{R}.ReadString(ref {r})",
            ValueKind.Bool => $"{R}.ReadBoolean(ref {r})",
            ValueKind.Int => $"{R}.ReadInt32(ref {r})",
            ValueKind.Long => $"{R}.ReadInt64(ref {r})",
            ValueKind.Double => $"{R}.ReadDouble(ref {r})",
            ValueKind.EpochMs => $"{R}.ReadEpochMs(ref {r})",
            ValueKind.Json => $"{R}.ReadJson(ref {r})",
            ValueKind.StringOrNumber => $"{R}.ReadStringOrNumber(ref {r})",
            ValueKind.List => $"{R}.ReadList(ref {r}, {ReaderFn(type.Element!, depth + 1)})",
            ValueKind.Map => $"{R}.ReadMap(ref {r}, {ReaderFn(type.Element!, depth + 1)})",
            ValueKind.Object when type.ConverterFqn is { } converter => $"{converter}.ReadValue(ref {r})",
            ValueKind.Object => $"{R}.ReadExternal(ref {r}, {type.ExternalTypeInfo})",
            _ => throw new System.InvalidOperationException($"{type.Kind} is read at field level only"),
        };
        return type.Nullable ? $"({r}.TokenType == {Names.JsonTokenType}.Null ? ({Names.CSharp(type)})null : {inner})" : inner;
    }

    /// <summary>A static lambda usable as <c>KrytenJsonValueReader&lt;T&gt;</c>.</summary>
    public string ReaderFn(TypeRef type, int depth) =>
        $"static (ref {Names.JsonReader} r{depth}) => {Read(type, "r" + depth, depth)}";

    /// <summary>A statement writing value expression <paramref name="v"/> to writer variable <paramref name="w"/>.</summary>
    public string Write(TypeRef type, string w, string v, int depth)
    {
        if (type.Nullable)
        {
            // Pattern variables of an if statement live in the enclosing block: each needs its own name.
            var x = "x" + depth + "_" + _names++;
            return $"if ({v} is {{ }} {x}) {{ {WriteNonNull(type.WithNullable(false), w, x, depth + 1)} }} else {{ {w}.WriteNullValue(); }}";
        }

        return WriteNonNull(type, w, v, depth);
    }

    private string WriteNonNull(TypeRef type, string w, string v, int depth) => type.Kind switch
    {
        ValueKind.String => $"{w}.WriteStringValue({v});",
        ValueKind.Bool => $"{w}.WriteBooleanValue({v});",
        ValueKind.Int or ValueKind.Long or ValueKind.Double or ValueKind.EpochMs => $"{w}.WriteNumberValue({v});",
        ValueKind.Json => $"{W}.WriteJson({w}, {v});",
        ValueKind.StringOrNumber => $"{W}.WriteStringOrNumber({w}, {v});",
        ValueKind.List => $"{W}.WriteList({w}, {v}, {WriterFn(type.Element!, depth + 1)});",
        ValueKind.Map => $"{W}.WriteMap({w}, {v}, {WriterFn(type.Element!, depth + 1)});",
        ValueKind.Object when type.ConverterFqn is { } converter => $"{converter}.WriteValue({w}, {v});",
        ValueKind.Object => $"{W}.WriteExternal({w}, {v}, {type.ExternalTypeInfo});",
        _ => throw new System.InvalidOperationException($"{type.Kind} is written at field level only"),
    };

    /// <summary>A static lambda usable as <c>KrytenJsonValueWriter&lt;T&gt;</c>.</summary>
    public string WriterFn(TypeRef type, int depth) =>
        $"static ({Names.JsonWriter} w{depth}, {Names.CSharp(type)} v{depth}) => {{ {Write(type, "w" + depth, "v" + depth, depth)} }}";
}

using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// C# snippets that read and write one value with <c>Utf8JsonReader</c>/<c>Utf8JsonWriter</c>, through the
/// generated <c>KrytenJsonPrimitives</c> class of the namespace <paramref name="primitives"/> points at.
/// Readers expect the reader on the value's first token and leave it on its last token.
/// </summary>
internal sealed class JsonCode
{
    private readonly string _p;
    private int _names;

    public JsonCode(string recordsNamespace) => _p = $"global::{recordsNamespace}.{Names.PrimitivesClass}";

    public string Primitives => _p;

    /// <summary>An expression reading <paramref name="type"/> from reader variable <paramref name="r"/>.</summary>
    public string Read(TypeRef type, string r, int depth)
    {
        var inner = type.Kind switch
        {
            ValueKind.String => $"{_p}.ReadString(ref {r})",
            ValueKind.Bool => $"{_p}.ReadBoolean(ref {r})",
            ValueKind.Int => $"{_p}.ReadInt32(ref {r})",
            ValueKind.Long => $"{_p}.ReadInt64(ref {r})",
            ValueKind.Double => $"{_p}.ReadDouble(ref {r})",
            ValueKind.EpochMs => $"{_p}.ReadEpochMs(ref {r})",
            ValueKind.Json => $"{_p}.ReadJson(ref {r})",
            ValueKind.StringOrNumber => $"{_p}.ReadStringOrNumber(ref {r})",
            ValueKind.List => $"{_p}.ReadList(ref {r}, {ReaderFn(type.Element!, depth + 1)})",
            ValueKind.Map => $"{_p}.ReadMap(ref {r}, {ReaderFn(type.Element!, depth + 1)})",
            ValueKind.Object when type.ConverterFqn is { } converter => $"{converter}.ReadValue(ref {r})",
            ValueKind.Object => $"{_p}.ReadExternal(ref {r}, {type.ExternalTypeInfo})",
            _ => throw new System.InvalidOperationException($"{type.Kind} is read at field level only"),
        };
        return type.Nullable ? $"({r}.TokenType == {Names.JsonTokenType}.Null ? ({Names.CSharp(type)})null : {inner})" : inner;
    }

    /// <summary>A static lambda usable as <c>KrytenJsonPrimitives.Reader&lt;T&gt;</c>.</summary>
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
        ValueKind.Json => $"{_p}.WriteJson({w}, {v});",
        ValueKind.StringOrNumber => $"{_p}.WriteStringOrNumber({w}, {v});",
        ValueKind.List => $"{_p}.WriteList({w}, {v}, {WriterFn(type.Element!, depth + 1)});",
        ValueKind.Map => $"{_p}.WriteMap({w}, {v}, {WriterFn(type.Element!, depth + 1)});",
        ValueKind.Object when type.ConverterFqn is { } converter => $"{converter}.WriteValue({w}, {v});",
        ValueKind.Object => $"{_p}.WriteExternal({w}, {v}, {type.ExternalTypeInfo});",
        _ => throw new System.InvalidOperationException($"{type.Kind} is written at field level only"),
    };

    /// <summary>A static lambda usable as <c>KrytenJsonPrimitives.Writer&lt;T&gt;</c>.</summary>
    public string WriterFn(TypeRef type, int depth) =>
        $"static ({Names.JsonWriter} w{depth}, {Names.CSharp(type)} v{depth}) => {{ {Write(type, "w" + depth, "v" + depth, depth)} }}";
}

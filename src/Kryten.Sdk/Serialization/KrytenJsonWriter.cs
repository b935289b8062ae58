using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Serialization;

/// <summary>Writes one JSON value (generated converters pass these as lambdas).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="writer">The writer.</param>
/// <param name="value">The value.</param>
public delegate void KrytenJsonValueWriter<in T>(Utf8JsonWriter writer, T value);

/// <summary>
/// What generated record converters call to write records back in CyTube's JSON shape. Public because generated code
/// in user assemblies calls it, not as an API to build on.
/// </summary>
/// <example>
/// <code>
/// using var writer = new System.Text.Json.Utf8JsonWriter(Stream.Null);
/// KrytenJsonWriter.WriteList(writer, new[] { 1, 2 }, static (w, v) =&gt; w.WriteNumberValue(v));
/// </code>
/// </example>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KrytenJsonWriter
{
    /// <summary>Writes an element; an undefined (default) element as <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The element.</param>
    public static void WriteJson(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue();
        else value.WriteTo(writer);
    }

    /// <summary>Writes a value that arrived either as JSON or as a string holding JSON, the way it arrived.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The parsed value.</param>
    /// <param name="raw">The string's text when it arrived as a string.</param>
    public static void WriteJsonOrJsonString(Utf8JsonWriter writer, JsonElement? value, string? raw)
    {
        if (raw is not null) writer.WriteStringValue(raw);
        else if (value is { } element) WriteJson(writer, element);
        else writer.WriteNullValue();
    }

    /// <summary>Writes a number or a string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteStringOrNumber(Utf8JsonWriter writer, StringOrNumber value)
    {
        if (value.Number is { } number) writer.WriteNumberValue(number);
        else writer.WriteStringValue(value.Text);
    }

    /// <summary>Writes a JSON array.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The items.</param>
    /// <param name="write">Writes one item.</param>
    public static void WriteList<T>(Utf8JsonWriter writer, IReadOnlyList<T> values, KrytenJsonValueWriter<T> write)
    {
        writer.WriteStartArray();
        for (var i = 0; i < values.Count; i++) write(writer, values[i]);
        writer.WriteEndArray();
    }

    /// <summary>Writes a JSON object with arbitrary keys.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The map.</param>
    /// <param name="write">Writes one value.</param>
    public static void WriteMap<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> values, KrytenJsonValueWriter<T> write)
    {
        writer.WriteStartObject();
        foreach (var pair in values)
        {
            writer.WritePropertyName(pair.Key);
            write(writer, pair.Value);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes a record of another assembly's schema through its JSON metadata.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The record.</param>
    /// <param name="typeInfo">The record's generated JSON metadata.</param>
    public static void WriteExternal<T>(Utf8JsonWriter writer, T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(writer, value, typeInfo);
}

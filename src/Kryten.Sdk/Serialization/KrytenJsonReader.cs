using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Serialization;

/// <summary>Reads one JSON value from a reader positioned on its first token (generated converters pass these as lambdas).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The reader, on the value's first token; left on its last token.</param>
/// <returns>The value.</returns>
public delegate T KrytenJsonValueReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// What generated record converters call to read CyTube JSON: each method expects the reader on a value's first token,
/// leaves it on the value's last token, and reports a value of the wrong shape as a <see cref="JsonException"/> that
/// names what was expected. Generated code calls this compiled class the way System.Text.Json's generated contexts call
/// <c>JsonMetadataServices</c>; it is public for that reason, not as an API to build on.
/// </summary>
/// <example>
/// <code>
/// using System.Text.Json;
///
/// var reader = new Utf8JsonReader("[1, 2]"u8);
/// KrytenJsonReader.Advance(ref reader);
/// var list = KrytenJsonReader.ReadList(ref reader, static (ref Utf8JsonReader r) => KrytenJsonReader.ReadInt32(ref r));
/// </code>
/// </example>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KrytenJsonReader
{
    // DateTimeOffset's range in Unix milliseconds: 0001-01-01 to 9999-12-31.
    private const long MinEpochMs = -62135596800000L;
    private const long MaxEpochMs = 253402300799999L;

    private static readonly JsonReaderOptions NestedDocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The error for a value of the wrong kind.</summary>
    /// <param name="reader">The reader, on the offending token.</param>
    /// <param name="expected">What was expected, e.g. <c>an object</c>.</param>
    /// <param name="target">What was being read, e.g. the record's name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException Unexpected(ref Utf8JsonReader reader, string expected, string target) =>
        new($"Expected {expected} for {target} but found {reader.TokenType}.");

    /// <summary>The error for a required key that is absent.</summary>
    /// <param name="key">The JSON key.</param>
    /// <param name="target">The record's name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException Missing(string key, string target) => new($"Required '{key}' of {target} is missing.");

    /// <summary>The error for a key that appears twice (CyTube never sends one, so it marks a forged payload).</summary>
    /// <param name="key">The JSON key.</param>
    /// <param name="target">The record's name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException Duplicate(string key, string target) => new($"Duplicate key '{key}' in {target}.");

    /// <summary>Moves to the next token; the end of the input is an error.</summary>
    /// <param name="reader">The reader.</param>
    public static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("Unexpected end of JSON.");
    }

    /// <summary>Fails when anything follows the value just read.</summary>
    /// <param name="reader">The reader, on the value's last token.</param>
    public static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new JsonException($"Unexpected {reader.TokenType} after the value.");
    }

    /// <summary>Skips the value the reader is on.</summary>
    /// <param name="reader">The reader, on the value's first token (or on a property name, to skip its value).</param>
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip()) throw new JsonException("Incomplete JSON value.");
    }

    /// <summary>Reads a property name.</summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <returns>The name.</returns>
    public static string ReadPropertyName(ref Utf8JsonReader reader) => GetString(ref reader);

    /// <summary>Reads a JSON string.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The text.</returns>
    public static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? GetString(ref reader) : throw Unexpected(ref reader, "a string", "a string value");

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "true or false", "a boolean value"),
    };

    /// <summary>Reads an integral number that fits an <see cref="int"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static int ReadInt32(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw Unexpected(ref reader, "an int32 number", "an integer value");

    /// <summary>Reads an integral number that fits a <see cref="long"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static long ReadInt64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw Unexpected(ref reader, "an int64 number", "an integer value");

    /// <summary>Reads any finite number (CyTube ranks such as <c>1.5</c>, durations, positions).</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static double ReadDouble(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw Unexpected(ref reader, "a finite number", "a number value");

    /// <summary>Reads milliseconds since the Unix epoch (a fraction is dropped) within <see cref="DateTimeOffset"/>'s range.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The milliseconds.</returns>
    public static long ReadEpochMs(ref Utf8JsonReader reader)
    {
        long value;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var integral))
        {
            value = integral;
        }
        else if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var real) && double.IsFinite(real) && real > MinEpochMs && real < MaxEpochMs)
        {
            value = (long)real;
        }
        else
        {
            throw Unexpected(ref reader, "epoch milliseconds", "a time value");
        }
        return value is >= MinEpochMs and <= MaxEpochMs ? value : throw new JsonException($"Epoch milliseconds {value} are outside the representable range.");
    }

    /// <summary>Reads any JSON value as an element that owns its data.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The element.</returns>
    public static JsonElement ReadJson(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>Reads a number or a string (a poll count: <c>3</c>, or <c>"?"</c> while hidden).</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static StringOrNumber ReadStringOrNumber(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => new StringOrNumber(GetString(ref reader)),
        JsonTokenType.Number => new StringOrNumber(ReadDouble(ref reader)),
        _ => throw Unexpected(ref reader, "a number or a string", "a count"),
    };

    /// <summary>Reads a JSON array, each item with <paramref name="read"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="read">Reads one item.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<T> ReadList<T>(ref Utf8JsonReader reader, KrytenJsonValueReader<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Unexpected(ref reader, "an array", "a list");
        var list = new List<T>();
        while (true)
        {
            Advance(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return list.ToArray();
            list.Add(read(ref reader));
        }
    }

    /// <summary>Reads a JSON object with arbitrary keys, each value with <paramref name="read"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="read">Reads one value.</param>
    /// <returns>The map (a repeated key keeps its last value, as JavaScript does).</returns>
    public static IReadOnlyDictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, KrytenJsonValueReader<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Unexpected(ref reader, "an object", "a map");
        var map = new Dictionary<string, T>();
        while (true)
        {
            Advance(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return map;
            var key = GetString(ref reader);
            Advance(ref reader);
            map[key] = read(ref reader);
        }
    }

    /// <summary>Reads the value held as JSON text inside a string (CyTube sends some metadata that way).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="json">The string's text.</param>
    /// <param name="read">Reads the value.</param>
    /// <returns>The value.</returns>
    public static T ParseJsonString<T>(string json, KrytenJsonValueReader<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), NestedDocumentOptions);
        Advance(ref reader);
        var value = read(ref reader);
        EnsureEnd(ref reader);
        return value;
    }

    /// <summary>Reads a JSON value, or a string that holds JSON text (then also returns the text).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="raw">The string's text when the value came as a string; otherwise null.</param>
    /// <returns>The value, parsed from the text when it came as a string.</returns>
    public static JsonElement ReadJsonOrJsonString(ref Utf8JsonReader reader, out string? raw)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            raw = null;
            return ReadJson(ref reader);
        }
        raw = GetString(ref reader);
        using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = NestedDocumentOptions.MaxDepth });
        return document.RootElement.Clone();
    }

    /// <summary>Reads a record of another assembly's schema through its JSON metadata.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="typeInfo">The record's generated JSON metadata.</param>
    /// <returns>The record.</returns>
    public static T ReadExternal<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw Unexpected(ref reader, "a value", typeof(T).Name);

    // GetString reports invalid UTF-8 or a lone surrogate as InvalidOperationException; for a reader of CyTube JSON it
    // is one more way a payload has the wrong shape.
    private static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException(e.Message, e);
        }
    }
}

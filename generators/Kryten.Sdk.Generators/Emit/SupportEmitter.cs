using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits the hand-shaped support code generated files call: the internal <c>KrytenJsonPrimitives</c>
/// (every assembly gets its own copy) and, in SDK mode, the public value types <c>StringOrNumber</c>
/// and <c>KrytenEventInfo</c>.
/// </summary>
internal static class SupportEmitter
{
    public static string PrimitivesHintName(SupportModel model) => $"{model.Namespace}.{Names.PrimitivesClass}.g.cs";

    public static string EmitPrimitives(SupportModel model) =>
        $"{GeneratedCodeStamp.FileHeader}\n\nnamespace {model.Namespace};\n\n{GeneratedCodeStamp.Attribute}\n" + PrimitivesBody;

    public static string EmitSdkTypes() =>
        $"{GeneratedCodeStamp.FileHeader}\n\nnamespace {GeneratedOptionsNamespace};\n\n" + SdkTypesBody.Replace("[GENERATED]", GeneratedCodeStamp.Attribute);

    public static string EmitCommandsClass(string ns) =>
        $$"""
        {{GeneratedCodeStamp.FileHeader}}

        namespace {{ns}};

        /// <summary>
        /// Generated command and query methods: one per operation of the Kryten schema, as extension methods on
        /// <see cref="global::Kryten.Sdk.IKrytenCommandSender"/>. Arguments are validated before anything is sent.
        /// </summary>
        /// <example>
        /// <code>
        /// string correlationId = await client.SayAsync("hello");
        /// </code>
        /// </example>
        {{GeneratedCodeStamp.Attribute}}
        public static partial class KrytenCommands
        {
        }

        """;

    private const string GeneratedOptionsNamespace = GeneratorOptions.SdkEventsNamespace;

    private const string SdkTypesBody = """
        /// <summary>A JSON value that is a number or a string, such as a poll count (<c>3</c>, or <c>"3?"</c> / <c>"?"</c> when hidden).</summary>
        /// <example>
        /// <code>string shown = poll.Counts[0].Number is { } n ? n.ToString() : poll.Counts[0].Text!;</code>
        /// </example>
        [GENERATED]
        public readonly record struct StringOrNumber
        {
            /// <summary>Creates a numeric value.</summary>
            /// <param name="number">The number.</param>
            public StringOrNumber(double number)
            {
                Number = number;
                Text = null;
            }

            /// <summary>Creates a text value.</summary>
            /// <param name="text">The text.</param>
            public StringOrNumber(string text)
            {
                Number = null;
                Text = text;
            }

            /// <summary>The number, when the JSON value was a number.</summary>
            public double? Number { get; }

            /// <summary>The text, when the JSON value was a string.</summary>
            public string? Text { get; }

            /// <summary>Whether the JSON value was a number.</summary>
            public bool IsNumber => Number.HasValue;

            /// <summary>The value as CyTube would show it.</summary>
            /// <returns>The text, or the number in invariant culture.</returns>
            public override string ToString() => Text ?? Number?.ToString(global::System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        /// <summary>One event of the registry.</summary>
        /// <param name="CytubeName">The Socket.IO event name in CyTube's case (the envelope's <c>event_name</c>).</param>
        /// <param name="SubjectToken">The normalized NATS subject token (e.g. <c>chatmsg</c>).</param>
        /// <param name="RecordType">The generated record type.</param>
        /// <example>
        /// <code>KrytenEventRegistry.TryGetByName("chatMsg", out var info); // info.RecordType == typeof(ChatMessage)</code>
        /// </example>
        [GENERATED]
        public sealed record KrytenEventInfo(string CytubeName, string SubjectToken, global::System.Type RecordType);

        """;

    private const string PrimitivesBody = """
        internal static class KrytenJsonPrimitives
        {
            private const long MinEpochMs = -62135596800000L;
            private const long MaxEpochMs = 253402300799999L;

            // Where the plain run of a JSON string ends: the offset in `text` of the first quote, backslash or raw control
            // character (JSON forbids those in strings), or, with stopAtNonAscii, byte of 0x80 or more; -1 for none. Pass the
            // rest of the buffer, not just the string: sixteen bytes are tested at a time while that many remain, and the
            // closing quote ends the scan. Hand-written rather than SearchValues, whose call costs more than a short
            // string's scan under NativeAOT.
            public static int IndexOfStringStop(global::System.ReadOnlySpan<byte> text, bool stopAtNonAscii)
            {
                var i = 0;
                if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
                {
                    ref var start = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(text);
                    var quote = global::System.Runtime.Intrinsics.Vector128.Create((byte)'"');
                    var backslash = global::System.Runtime.Intrinsics.Vector128.Create((byte)'\\');
                    var space = global::System.Runtime.Intrinsics.Vector128.Create((byte)0x20);
                    for (; i + 16 <= text.Length; i += 16)
                    {
                        var block = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start, (nuint)i);
                        var stops = global::System.Runtime.Intrinsics.Vector128.Equals(block, quote)
                            | global::System.Runtime.Intrinsics.Vector128.Equals(block, backslash)
                            | global::System.Runtime.Intrinsics.Vector128.LessThan(block, space);
                        var mask = global::System.Runtime.Intrinsics.Vector128.ExtractMostSignificantBits(stops);
                        if (stopAtNonAscii)
                        {
                            mask |= global::System.Runtime.Intrinsics.Vector128.ExtractMostSignificantBits(block);
                        }

                        if (mask != 0)
                        {
                            return i + global::System.Numerics.BitOperations.TrailingZeroCount(mask);
                        }
                    }
                }

                for (; i < text.Length; i++)
                {
                    var b = text[i];
                    if (b == (byte)'"' || b == (byte)'\\' || b < 0x20 || (stopAtNonAscii && b >= 0x80))
                    {
                        return i;
                    }
                }

                return -1;
            }

            internal delegate T Reader<T>(ref global::System.Text.Json.Utf8JsonReader reader);

            internal delegate void Writer<T>(global::System.Text.Json.Utf8JsonWriter writer, T value);

            public static global::System.Text.Json.JsonException Unexpected(ref global::System.Text.Json.Utf8JsonReader reader, string expected, string target) =>
                new($"Expected {expected} for {target} but found {reader.TokenType}.");

            public static global::System.Text.Json.JsonException Missing(string key, string target) =>
                new($"Required '{key}' of {target} is missing.");

            public static global::System.Text.Json.JsonException Duplicate(string key, string target) =>
                new($"Duplicate key '{key}' in {target}.");

            public static void Advance(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (!reader.Read())
                {
                    throw new global::System.Text.Json.JsonException("Unexpected end of JSON.");
                }
            }

            public static void EnsureEnd(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.Read())
                {
                    throw new global::System.Text.Json.JsonException($"Unexpected {reader.TokenType} after the payload.");
                }
            }

            public static void Skip(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (!reader.TrySkip())
                {
                    throw new global::System.Text.Json.JsonException("Incomplete JSON value.");
                }
            }

            public static string ReadPropertyName(ref global::System.Text.Json.Utf8JsonReader reader) => GetString(ref reader);

            public static string ReadString(ref global::System.Text.Json.Utf8JsonReader reader) =>
                reader.TokenType == global::System.Text.Json.JsonTokenType.String ? GetString(ref reader) : throw Unexpected(ref reader, "a string", "a string value");

            public static bool ReadBoolean(ref global::System.Text.Json.Utf8JsonReader reader) => reader.TokenType switch
            {
                global::System.Text.Json.JsonTokenType.True => true,
                global::System.Text.Json.JsonTokenType.False => false,
                _ => throw Unexpected(ref reader, "true or false", "a boolean value"),
            };

            public static int ReadInt32(ref global::System.Text.Json.Utf8JsonReader reader) =>
                reader.TokenType == global::System.Text.Json.JsonTokenType.Number && reader.TryGetInt32(out var value)
                    ? value
                    : throw Unexpected(ref reader, "an int32 number", "an integer value");

            public static long ReadInt64(ref global::System.Text.Json.Utf8JsonReader reader) =>
                reader.TokenType == global::System.Text.Json.JsonTokenType.Number && reader.TryGetInt64(out var value)
                    ? value
                    : throw Unexpected(ref reader, "an int64 number", "an integer value");

            public static double ReadDouble(ref global::System.Text.Json.Utf8JsonReader reader) =>
                reader.TokenType == global::System.Text.Json.JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
                    ? value
                    : throw Unexpected(ref reader, "a finite number", "a number value");

            public static long ReadEpochMs(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                long value;
                if (reader.TokenType == global::System.Text.Json.JsonTokenType.Number && reader.TryGetInt64(out var integral))
                {
                    value = integral;
                }
                else if (reader.TokenType == global::System.Text.Json.JsonTokenType.Number && reader.TryGetDouble(out var real) && double.IsFinite(real) && real > MinEpochMs && real < MaxEpochMs)
                {
                    value = (long)real;
                }
                else
                {
                    throw Unexpected(ref reader, "epoch milliseconds", "a time value");
                }

                return value is >= MinEpochMs and <= MaxEpochMs ? value : throw new global::System.Text.Json.JsonException($"Epoch milliseconds {value} are outside the representable range.");
            }

            // The canonical-layout matchers below accept only what the readers above read to the same value, and return
            // false for everything else (never throw), leaving `at` unchanged.

            public static bool IsShapeError(global::System.Exception e) =>
                e is global::System.Text.Json.JsonException or global::System.InvalidOperationException or global::System.FormatException
                    or global::System.OverflowException or global::System.ArgumentException or global::System.NotSupportedException;

            // Inlined, so each call site compares against a literal of known length, which the compiler unrolls.
            [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
            public static bool CanonicalLiteral(global::System.ReadOnlySpan<byte> json, ref int at, global::System.ReadOnlySpan<byte> literal)
            {
                if (!global::System.MemoryExtensions.StartsWith(json.Slice(at), literal))
                {
                    return false;
                }

                at += literal.Length;
                return true;
            }

            public static bool CanonicalString(global::System.ReadOnlySpan<byte> json, ref int at, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = null;
                var rest = json.Slice(at);
                if (rest.IsEmpty || rest[0] != (byte)'"')
                {
                    return false;
                }

                // Plain ASCII up to the closing quote is the usual case, and one scan proves it. An escape is left to the reader;
                // raw control characters and invalid UTF-8 make the reader throw.
                var length = IndexOfStringStop(rest.Slice(1), stopAtNonAscii: true);
                if (length < 0)
                {
                    return false;
                }

                if (rest[1 + length] != (byte)'"')
                {
                    if (rest[1 + length] < 0x80)
                    {
                        return false;
                    }

                    // Non-ASCII: the same scan from there, now past such bytes, must end at the closing quote; then the text
                    // must be valid UTF-8.
                    var more = IndexOfStringStop(rest.Slice(1 + length), stopAtNonAscii: false);
                    if (more < 0 || rest[1 + length + more] != (byte)'"')
                    {
                        return false;
                    }

                    length += more;
                    var text = rest.Slice(1, length);
                    if (!global::System.Text.Unicode.Utf8.IsValid(text))
                    {
                        return false;
                    }

                    value = global::System.Text.Encoding.UTF8.GetString(text);
                }
                else
                {
                    // Plain ASCII: each byte is its char, so widening them is the whole decoding (one pass, not UTF-8's two).
                    value = global::System.Text.Encoding.Latin1.GetString(rest.Slice(1, length));
                }

                at += length + 2;
                return true;
            }

            public static bool CanonicalBoolean(global::System.ReadOnlySpan<byte> json, ref int at, out bool value)
            {
                value = global::System.MemoryExtensions.StartsWith(json.Slice(at), "true"u8);
                return CanonicalLiteral(json, ref at, value ? "true"u8 : "false"u8);
            }

            public static bool CanonicalInt32(global::System.ReadOnlySpan<byte> json, ref int at, out int value)
            {
                var read = CanonicalInteger(json, ref at, int.MinValue, int.MaxValue, out var integer);
                value = (int)integer;
                return read;
            }

            public static bool CanonicalInt64(global::System.ReadOnlySpan<byte> json, ref int at, out long value) =>
                CanonicalInteger(json, ref at, long.MinValue, long.MaxValue, out value);

            public static bool CanonicalEpochMs(global::System.ReadOnlySpan<byte> json, ref int at, out long value) =>
                CanonicalInteger(json, ref at, MinEpochMs, MaxEpochMs, out value);

            // -?(0|[1-9][0-9]*) within [min, max]; a fraction or exponent stops the match, and the literal after it then fails.
            private static bool CanonicalInteger(global::System.ReadOnlySpan<byte> json, ref int at, long min, long max, out long value)
            {
                value = 0;
                var rest = json.Slice(at);
                var negative = !rest.IsEmpty && rest[0] == (byte)'-';
                var start = negative ? 1 : 0;

                // Eight digits at a time while they are digits (epoch milliseconds have 13), then one at a time. 19 digits always
                // fit a ulong; a 20th overflows a long anyway, so reading stops there and declines.
                var end = start;
                ulong magnitude = 0;
                while (end - start <= 8 && rest.Length - end >= 8)
                {
                    var chunk = global::System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(rest.Slice(end));
                    if (((chunk & 0xF0F0F0F0F0F0F0F0UL) | (unchecked((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) != 0x3333333333333333UL)
                    {
                        break;
                    }

                    magnitude = unchecked(magnitude * 100_000_000UL + EightDigits(chunk));
                    end += 8;
                }

                while (end < rest.Length && end - start < 20)
                {
                    var digit = unchecked((uint)(rest[end] - '0'));
                    if (digit > 9)
                    {
                        break;
                    }

                    magnitude = unchecked(magnitude * 10 + digit);
                    end++;
                }

                var digits = end - start;
                if (digits == 0 || digits > 19 || (rest[start] == (byte)'0' && digits > 1))
                {
                    return false;
                }

                if (magnitude > (negative ? (ulong)long.MaxValue + 1 : (ulong)long.MaxValue))
                {
                    return false;
                }

                var integer = negative ? unchecked((long)(0UL - magnitude)) : (long)magnitude;
                if (integer < min || integer > max)
                {
                    return false;
                }

                value = integer;
                at += end;
                return true;
            }

            // The value of eight ASCII digits read little-endian (the first digit in the lowest byte), by pairing neighbours
            // in each step: digits to 2-digit, then 4-digit, then the 8-digit number.
            private static ulong EightDigits(ulong chunk)
            {
                unchecked
                {
                    chunk -= 0x3030303030303030UL;
                    chunk = (chunk * 10) + (chunk >> 8);
                    return (((chunk & 0x000000FF000000FFUL) * (100 + (1000000UL << 32)))
                        + (((chunk >> 16) & 0x000000FF000000FFUL) * (1 + (10000UL << 32)))) >> 32;
                }
            }

            // A reader of the one value at `at`, on its first token; false for leading whitespace, which is not canonical.
            public static bool CanonicalValue(global::System.ReadOnlySpan<byte> json, int at, int maxDepth, out global::System.Text.Json.Utf8JsonReader reader)
            {
                reader = new global::System.Text.Json.Utf8JsonReader(json.Slice(at), new global::System.Text.Json.JsonReaderOptions { MaxDepth = maxDepth });
                return at < json.Length && json[at] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') && reader.Read();
            }

            public static global::System.Text.Json.JsonElement ReadJson(ref global::System.Text.Json.Utf8JsonReader reader) =>
                global::System.Text.Json.JsonElement.ParseValue(ref reader);

            public static global::Kryten.Sdk.Events.StringOrNumber ReadStringOrNumber(ref global::System.Text.Json.Utf8JsonReader reader) => reader.TokenType switch
            {
                global::System.Text.Json.JsonTokenType.String => new global::Kryten.Sdk.Events.StringOrNumber(GetString(ref reader)),
                global::System.Text.Json.JsonTokenType.Number => new global::Kryten.Sdk.Events.StringOrNumber(ReadDouble(ref reader)),
                _ => throw Unexpected(ref reader, "a number or a string", "a count"),
            };

            public static global::System.Collections.Generic.IReadOnlyList<T> ReadList<T>(ref global::System.Text.Json.Utf8JsonReader reader, Reader<T> read)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartArray)
                {
                    throw Unexpected(ref reader, "an array", "a list");
                }

                var list = new global::System.Collections.Generic.List<T>();
                while (true)
                {
                    Advance(ref reader);
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndArray)
                    {
                        return list.ToArray();
                    }

                    list.Add(read(ref reader));
                }
            }

            public static global::System.Collections.Generic.IReadOnlyDictionary<string, T> ReadMap<T>(ref global::System.Text.Json.Utf8JsonReader reader, Reader<T> read)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
                {
                    throw Unexpected(ref reader, "an object", "a map");
                }

                var map = new global::System.Collections.Generic.Dictionary<string, T>();
                while (true)
                {
                    Advance(ref reader);
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndObject)
                    {
                        return map;
                    }

                    var key = GetString(ref reader);
                    Advance(ref reader);
                    map[key] = read(ref reader);
                }
            }

            public static T ParseJsonString<T>(string json, Reader<T> read)
            {
                var reader = new global::System.Text.Json.Utf8JsonReader(global::System.Text.Encoding.UTF8.GetBytes(json), new global::System.Text.Json.JsonReaderOptions { MaxDepth = 64 });
                Advance(ref reader);
                var value = read(ref reader);
                EnsureEnd(ref reader);
                return value;
            }

            public static global::System.Text.Json.JsonElement ReadJsonOrJsonString(ref global::System.Text.Json.Utf8JsonReader reader, out string? raw)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String)
                {
                    raw = null;
                    return ReadJson(ref reader);
                }

                raw = GetString(ref reader);
                using var document = global::System.Text.Json.JsonDocument.Parse(raw, new global::System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
                return document.RootElement.Clone();
            }

            public static T ReadExternal<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
                global::System.Text.Json.JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw Unexpected(ref reader, "a value", typeof(T).Name);

            public static void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonElement value)
            {
                if (value.ValueKind == global::System.Text.Json.JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            public static void WriteJsonOrJsonString(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonElement? value, string? raw)
            {
                if (raw is not null)
                {
                    writer.WriteStringValue(raw);
                }
                else if (value is { } element)
                {
                    WriteJson(writer, element);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            public static void WriteStringOrNumber(global::System.Text.Json.Utf8JsonWriter writer, global::Kryten.Sdk.Events.StringOrNumber value)
            {
                if (value.Number is { } number)
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(value.Text);
                }
            }

            public static void WriteList<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyList<T> values, Writer<T> write)
            {
                writer.WriteStartArray();
                for (var i = 0; i < values.Count; i++)
                {
                    write(writer, values[i]);
                }

                writer.WriteEndArray();
            }

            public static void WriteMap<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyDictionary<string, T> values, Writer<T> write)
            {
                writer.WriteStartObject();
                foreach (var pair in values)
                {
                    writer.WritePropertyName(pair.Key);
                    write(writer, pair.Value);
                }

                writer.WriteEndObject();
            }

            public static void WriteExternal<T>(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
                global::System.Text.Json.JsonSerializer.Serialize(writer, value, typeInfo);

            public static long? IntegerOrNumericString(global::System.Text.Json.JsonElement? value) => value switch
            {
                { ValueKind: global::System.Text.Json.JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
                { ValueKind: global::System.Text.Json.JsonValueKind.String } e => IntegerOrNumericString(e.GetString()),
                _ => null,
            };

            public static long? IntegerOrNumericString(global::Kryten.Sdk.Events.StringOrNumber? value) =>
                value is { Number: { } n } && n == global::System.Math.Floor(n) && global::System.Math.Abs(n) < 9e15 ? (long)n : IntegerOrNumericString(value?.Text);

            public static long? IntegerOrNumericString(string? value) =>
                !string.IsNullOrEmpty(value) && long.TryParse(value, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

            public static bool EqualsString(global::System.Text.Json.JsonElement? value, string expected) =>
                value is { ValueKind: global::System.Text.Json.JsonValueKind.String } e && e.ValueEquals(expected);

            public static bool EqualsString(global::Kryten.Sdk.Events.StringOrNumber? value, string expected) => value?.Text == expected;

            public static bool EqualsString(string? value, string expected) => value == expected;

            public static bool Truthy(global::System.Text.Json.JsonElement? value) => value switch
            {
                { ValueKind: global::System.Text.Json.JsonValueKind.True } => true,
                { ValueKind: global::System.Text.Json.JsonValueKind.String } e => e.GetString()!.Length > 0,
                { ValueKind: global::System.Text.Json.JsonValueKind.Number } e => !e.TryGetDouble(out var d) || d != 0,
                { ValueKind: global::System.Text.Json.JsonValueKind.Object or global::System.Text.Json.JsonValueKind.Array } => true,
                _ => false,
            };

            public static bool Truthy(global::Kryten.Sdk.Events.StringOrNumber? value) =>
                value is { } v && (v.Number is { } n ? n != 0 : !string.IsNullOrEmpty(v.Text));

            public static bool AnyString(global::System.Collections.Generic.IReadOnlyList<global::System.Text.Json.JsonElement>? values)
            {
                if (values is null)
                {
                    return false;
                }

                foreach (var value in values)
                {
                    if (value.ValueKind == global::System.Text.Json.JsonValueKind.String)
                    {
                        return true;
                    }
                }

                return false;
            }

            public static bool AnyString(global::System.Collections.Generic.IReadOnlyList<global::Kryten.Sdk.Events.StringOrNumber>? values)
            {
                if (values is null)
                {
                    return false;
                }

                foreach (var value in values)
                {
                    if (value.Text is not null)
                    {
                        return true;
                    }
                }

                return false;
            }

            public static string? PathString(global::System.Text.Json.JsonElement? value, params string[] path)
            {
                if (value is not { } current)
                {
                    return null;
                }

                foreach (var key in path)
                {
                    if (current.ValueKind != global::System.Text.Json.JsonValueKind.Object || !current.TryGetProperty(key, out current))
                    {
                        return null;
                    }
                }

                return current.ValueKind == global::System.Text.Json.JsonValueKind.String ? current.GetString() : null;
            }

            private static string GetString(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                try
                {
                    return reader.GetString()!;
                }
                catch (global::System.InvalidOperationException e)
                {
                    throw new global::System.Text.Json.JsonException(e.Message, e);
                }
            }
        }

        """;
}

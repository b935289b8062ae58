using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Reads an envelope laid out exactly as the bridge writes it — Python <c>json.dumps</c> with default separators and
/// <c>ensure_ascii</c>, keys in the order <c>event_name, payload, channel, domain, timestamp, correlation_id</c>
/// (wire-contract §2.1) — by matching that layout byte for byte instead of tokenizing it. Only the payload goes
/// through <see cref="Utf8JsonReader"/>. Anything else (another key order, escapes, non-ASCII names, an unusual
/// timestamp, bad JSON) is declined, and <see cref="EnvelopeReader"/> reads it the general way, which also words
/// every rejection; so this path accepts a subset of what the general path accepts, with identical results.
/// </summary>
internal static class CanonicalEnvelopeReader
{
    private static ReadOnlySpan<byte> Start => "{\"event_name\": \""u8;
    private static ReadOnlySpan<byte> Payload => "\", \"payload\": "u8;
    private static ReadOnlySpan<byte> Channel => ", \"channel\": \""u8;
    private static ReadOnlySpan<byte> Domain => "\", \"domain\": \""u8;
    private static ReadOnlySpan<byte> Timestamp => "\", \"timestamp\": \""u8;
    private static ReadOnlySpan<byte> CorrelationId => "\", \"correlation_id\": \""u8;
    private static ReadOnlySpan<byte> End => "\"}"u8;

    public enum Result
    {
        /// <summary>Read; the envelope is complete.</summary>
        Read,

        /// <summary>Not in the bridge's exact layout (or not valid): read it the general way.</summary>
        Declined,

        /// <summary>The layout matched but reading the payload's record threw: read it the general, two-pass way.</summary>
        RecordFailed,
    }

    /// <param name="message">The whole message (UTF-8 already validated).</param>
    /// <param name="payloadOptions">Reader options for the payload alone: one level less depth than the envelope's.</param>
    /// <param name="cache">Names already decoded.</param>
    /// <param name="records">Reads the record in place when it wants it; null for no record.</param>
    /// <param name="envelope">The envelope when <see cref="Result.Read"/>.</param>
    public static Result TryRead(ReadOnlySpan<byte> message, JsonReaderOptions payloadOptions, Utf8StringCache cache,
        IPayloadRecordReader? records, out KrytenEnvelope envelope)
    {
        envelope = default;
        var rest = message;
        if (!Literal(ref rest, Start) || !Name(ref rest, out var eventNameBytes) || eventNameBytes.IsEmpty || !Literal(ref rest, Payload))
            return Result.Declined;
        var eventName = cache.GetAscii(eventNameBytes);

        var payloadStart = message.Length - rest.Length;
        var reader = new Utf8JsonReader(rest, isFinalBlock: true, new JsonReaderState(payloadOptions));
        bool hasRecord;
        object? record = null;
        JsonValueKind payloadKind;
        try
        {
            if (!reader.Read()) return Result.Declined;
            payloadKind = EnvelopeReader.Kind(reader.TokenType);
            hasRecord = false;
            if (records is not null)
            {
                try
                {
                    hasRecord = records.TryReadRecord(eventName, ref reader, out record);
                }
                catch (Exception)
                {
                    return Result.RecordFailed;
                }
            }
            if (!hasRecord && !EnvelopeReader.SkipPayload(rest, ref reader, out _)) return Result.Declined;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Result.Declined;
        }
        var payloadLength = (int)reader.BytesConsumed;
        rest = rest[payloadLength..];

        if (!Literal(ref rest, Channel) || !Name(ref rest, out var channel)
            || !Literal(ref rest, Domain) || !Name(ref rest, out var domain)
            || !Literal(ref rest, Timestamp) || !Name(ref rest, out var timestampBytes) || !TryTimestamp(timestampBytes, out var timestamp)
            || !Literal(ref rest, CorrelationId) || !Name(ref rest, out var correlationId)
            || !rest.SequenceEqual(End))
            return Result.Declined;

        envelope = new KrytenEnvelope(eventName, cache.GetAscii(channel), cache.GetAscii(domain), timestamp,
            Encoding.ASCII.GetString(correlationId), payloadStart, payloadLength, payloadKind, hasRecord, record);
        return Result.Read;
    }

    private static bool Literal(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> literal)
    {
        if (!rest.StartsWith(literal)) return false;
        rest = rest[literal.Length..];
        return true;
    }

    // A string's content up to its closing quote, when it is printable ASCII without escapes (what json.dumps writes
    // for ASCII text); the closing quote stays in rest for the next literal.
    private static bool Name(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> value)
    {
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        value = end < 0 ? default : rest[..end];
        if (end < 0 || rest[end] != (byte)'"' || value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0) return false;
        rest = rest[end..];
        return true;
    }

    // datetime.isoformat() of a UTC time: YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00. Anything else goes the general way.
    private static bool TryTimestamp(ReadOnlySpan<byte> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length is not (25 or 32) || !text.EndsWith("+00:00"u8)
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
            return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            return false;
        var micros = 0;
        if (text.Length == 32 && (text[19] != '.' || !Digits(text, 20, 6, out micros))) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + micros * 10L;
        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        foreach (var b in text.Slice(start, count))
        {
            var digit = b - '0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }
}

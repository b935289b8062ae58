using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;
using static Kryten.Sdk.Events.KrytenJsonPrimitives;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Reads an envelope laid out exactly as the bridge writes it — Python <c>json.dumps</c> with default separators and
/// <c>ensure_ascii</c>, keys in the order <c>event_name, payload, channel, domain, timestamp, correlation_id</c>
/// (wire-contract §2.1) — by matching that layout byte for byte instead of tokenizing it. Only the payload goes
/// through <see cref="Utf8JsonReader"/> (unless its record, too, is in the bridge's layout and read by matching it:
/// <see cref="IPayloadRecordReader.TryReadCanonicalRecord"/>), and a name with escapes (json.dumps writes "café" as <c>caf\u00e9</c>) is
/// decoded by it on its first sight. Anything else (another key order or spacing, an unusual timestamp, bad JSON) is
/// declined, and <see cref="EnvelopeReader"/> reads it the general way, which also words
/// every rejection; so this path accepts a subset of what the general path accepts, with identical results.
/// </summary>
internal static class CanonicalEnvelopeReader
{
    private static ReadOnlySpan<byte> Start => "{\"event_name\": "u8;
    private static ReadOnlySpan<byte> Payload => ", \"payload\": "u8;
    private static ReadOnlySpan<byte> Channel => ", \"channel\": "u8;
    private static ReadOnlySpan<byte> Domain => ", \"domain\": "u8;
    private static ReadOnlySpan<byte> Timestamp => ", \"timestamp\": "u8;
    private static ReadOnlySpan<byte> CorrelationId => ", \"correlation_id\": "u8;
    private static ReadOnlySpan<byte> End => "}"u8;

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
        var at = 0;
        if (!CanonicalLiteral(message, ref at, Start) || !String(message, ref at, out var eventNameText, out _) || eventNameText.Length == 2
            || !cache.TryGet(eventNameText, out var eventName) || !CanonicalLiteral(message, ref at, Payload))
            return Result.Declined;

        // The payload must start right after the separator's one space: whitespace the reader skipped would otherwise
        // become part of the payload's bytes.
        if (at == message.Length || message[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') return Result.Declined;
        var payloadStart = at;
        int payloadLength;
        JsonValueKind payloadKind;
        bool hasRecord;
        object? record;
        if (records is not null && TryCanonicalRecord(records, eventName, message, payloadStart, payloadOptions.MaxDepth, out record, out var payloadEnd))
        {
            hasRecord = true;
            payloadKind = JsonValueKind.Object;
            payloadLength = payloadEnd - payloadStart;
        }
        else
        {
            var payload = message[at..];
            var reader = new Utf8JsonReader(payload, isFinalBlock: true, new JsonReaderState(payloadOptions));
            hasRecord = false;
            record = null;
            try
            {
                if (!reader.Read()) return Result.Declined;
                payloadKind = EnvelopeReader.Kind(reader.TokenType);
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
                if (!hasRecord && !EnvelopeReader.SkipPayload(payload, ref reader, out _)) return Result.Declined;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return Result.Declined;
            }
            payloadLength = (int)reader.BytesConsumed;
        }
        at += payloadLength;

        if (!CanonicalLiteral(message, ref at, Channel) || !String(message, ref at, out var channelText, out _) || !cache.TryGet(channelText, out var channel)
            || !CanonicalLiteral(message, ref at, Domain) || !String(message, ref at, out var domainText, out _) || !cache.TryGet(domainText, out var domain)
            || !CanonicalLiteral(message, ref at, Timestamp) || !String(message, ref at, out var timestampText, out _) || !TryTimestamp(timestampText[1..^1], out var timestamp)
            || !CanonicalLiteral(message, ref at, CorrelationId) || !String(message, ref at, out var correlationText, out var plainId)
            || !EventCorrelationId.TryRead(correlationText, plainId, out var correlationId)
            || !CanonicalLiteral(message, ref at, End) || at != message.Length)
            return Result.Declined;

        envelope = new KrytenEnvelope(eventName, channel, domain, timestamp, correlationId,
            payloadStart, payloadLength, payloadKind, hasRecord, record);
        return Result.Read;
    }

    // The record read by matching its bytes too, which spares tokenizing the payload. Declining, or failing in any way
    // (it should not throw, but a record reader is outside this class), leaves the payload to the reader path above.
    private static bool TryCanonicalRecord(IPayloadRecordReader records, string eventName, ReadOnlySpan<byte> message, int payloadStart,
        int maxDepth, out object? record, out int payloadEnd)
    {
        payloadEnd = payloadStart;
        try
        {
            return records.TryReadCanonicalRecord(eventName, message, ref payloadEnd, maxDepth, out record);
        }
        catch (Exception)
        {
            record = null;
            return false;
        }
    }

    // The JSON string at `at`, quotes included, escapes stepped over but not decoded (that is the decoder's job); plainAscii
    // says it has neither escapes nor non-ASCII bytes, so its bytes are its text. One scan finds the closing quote, an
    // escape, or a raw control character, which JSON forbids in strings (the message is already valid UTF-8).
    private static bool String(ReadOnlySpan<byte> message, ref int at, out ReadOnlySpan<byte> quoted, out bool plainAscii)
    {
        quoted = default;
        plainAscii = true;
        if (at == message.Length || message[at] != (byte)'"') return false;
        var end = at + 1;
        while (true)
        {
            var next = IndexOfStringStop(message[end..], stopAtNonAscii: plainAscii);
            if (next < 0) return false;
            end += next;
            var stop = message[end];
            if (stop == (byte)'"') break;
            plainAscii = false;
            if (stop >= 0x80) continue;   // scanned again from here, now past non-ASCII bytes
            if (stop != (byte)'\\' || end + 1 == message.Length || message[end + 1] < 0x20) return false;
            end += 2;   // the escaped character may be a quote; \u's hex digits are neither a quote nor a backslash
        }
        quoted = message[at..(end + 1)];
        at = end + 1;
        return true;
    }

    // datetime.isoformat() of a UTC time: YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00. Anything else goes the general way.
    private static bool TryTimestamp(ReadOnlySpan<byte> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length is not (25 or 32) || !text.EndsWith("+00:00"u8) || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDate(text, out var dayTicks)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            return false;
        var micros = 0;
        if (text.Length == 32 && (text[19] != '.' || !Digits(text, 20, 6, out micros))) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        timestamp = new DateTimeOffset(dayTicks + ((hour * 60L + minute) * 60 + second) * TimeSpan.TicksPerSecond + micros * 10L, TimeSpan.Zero);
        return true;
    }

    // The date (YYYY-MM-DD) as ticks. Consecutive envelopes almost always share it, so the last date read is kept: one
    // immutable instance, swapped whole, which any receive loop may read or replace.
    private static LastDate? _lastDate;

    private sealed record LastDate(ulong Head, ushort Tail, long Ticks);

    private static bool TryDate(ReadOnlySpan<byte> text, out long ticks)
    {
        var head = BinaryPrimitives.ReadUInt64LittleEndian(text);
        var tail = BinaryPrimitives.ReadUInt16LittleEndian(text[8..]);
        if (_lastDate is { } last && last.Head == head && last.Tail == tail)
        {
            ticks = last.Ticks;
            return true;
        }
        ticks = 0;
        if (text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month)
            || !Digits(text, 8, 2, out var day) || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        ticks = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks;
        _lastDate = new LastDate(head, tail, ticks);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

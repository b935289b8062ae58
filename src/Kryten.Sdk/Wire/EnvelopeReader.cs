using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Reads the bridge envelope (wire-contract §2.1) straight from the received bytes with
/// <see cref="Utf8JsonReader"/>. Anything that is not exactly one JSON object with string
/// <c>event_name</c>, <c>channel</c>, <c>domain</c>, a <c>payload</c>, and (optionally) string
/// <c>timestamp</c>/<c>correlation_id</c>, each at most once, is rejected with a reason.
/// Given an <see cref="IPayloadRecordReader"/>, the payload's record is read in the same pass when the event name came
/// first (as the bridge writes it); if that read fails, the envelope is read again the two-pass way, so bad payloads
/// are reported exactly as before.
/// </summary>
internal sealed class EnvelopeReader
{
    private const int EventNameSeen = 1, PayloadSeen = 2, ChannelSeen = 4, DomainSeen = 8, TimestampSeen = 16, CorrelationSeen = 32;

    private readonly Utf8StringCache _cache = new();
    private readonly int _maxBytes;
    private readonly JsonReaderOptions _options;
    private readonly JsonReaderOptions _payloadOptions;
    private readonly bool _canonicalFirst;
    private readonly TimeProvider _time;

    /// <param name="maxBytes">Largest accepted message.</param>
    /// <param name="maxDepth">Deepest accepted JSON nesting, the envelope object counting as one level.</param>
    /// <param name="time">Stamps envelopes that lack a timestamp.</param>
    /// <param name="canonicalFirst">Try <see cref="CanonicalEnvelopeReader"/> first; off only to compare the two paths in tests.</param>
    public EnvelopeReader(int maxBytes, int maxDepth, TimeProvider time, bool canonicalFirst = true)
    {
        _maxBytes = maxBytes;
        _options = new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow };
        // The payload alone sits one level higher than inside the envelope. MaxDepth 0 would mean "default", so a limit
        // of 1 (no room for a payload object) leaves everything to the general path.
        _payloadOptions = new JsonReaderOptions { MaxDepth = maxDepth - 1, CommentHandling = JsonCommentHandling.Disallow };
        _canonicalFirst = canonicalFirst && maxDepth > 1;
        _time = time;
    }

    /// <summary>Reads one envelope; on failure returns false with a short reason (never throws for bad input).</summary>
    public bool TryRead(ReadOnlySpan<byte> message, out KrytenEnvelope envelope, out string? reason) =>
        TryRead(message, null, out envelope, out reason);

    /// <summary>Reads one envelope and, where <paramref name="records"/> wants it, the payload's record in the same pass.</summary>
    public bool TryRead(ReadOnlySpan<byte> message, IPayloadRecordReader? records, out KrytenEnvelope envelope, out string? reason)
    {
        envelope = default;
        if (message.Length > _maxBytes)
        {
            reason = $"message of {message.Length} bytes exceeds the {_maxBytes} byte limit";
            return false;
        }
        if (message.StartsWith("\uFEFF"u8))
        {
            reason = "UTF-8 byte order mark before the JSON";
            return false;
        }
        if (!Utf8.IsValid(message))
        {
            reason = "body is not valid UTF-8";
            return false;
        }
        if (_canonicalFirst)
        {
            switch (CanonicalEnvelopeReader.TryRead(message, _payloadOptions, _cache, records, out envelope))
            {
                case CanonicalEnvelopeReader.Result.Read:
                    reason = null;
                    return true;
                case CanonicalEnvelopeReader.Result.RecordFailed:
                    records = null;   // the two-pass read, so the record's failure is found and reported where it always is
                    break;
            }
        }
        try
        {
            return TryReadJson(message, records, out envelope, out reason);
        }
        catch (JsonException e)
        {
            reason = "not JSON: " + e.Message;
            return false;
        }
        catch (InvalidOperationException e)
        {
            reason = "invalid string value: " + e.Message;
            return false;
        }
    }

    private bool TryReadJson(ReadOnlySpan<byte> message, IPayloadRecordReader? records, out KrytenEnvelope envelope, out string? reason)
    {
        envelope = default;
        var reader = new Utf8JsonReader(message, isFinalBlock: true, new JsonReaderState(_options));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "envelope is not a JSON object";
            return false;
        }

        int seen = 0, payloadStart = 0, payloadLength = 0;
        var payloadKind = JsonValueKind.Undefined;
        string? eventName = null, channel = null, domain = null, correlationId = null;
        var timestamp = default(DateTimeOffset);
        var hasRecord = false;
        object? record = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Key(ref reader);
            if (key != 0 && (seen & key) != 0)
            {
                reason = "duplicate envelope key " + Name(key);
                return false;
            }
            seen |= key;
            reader.Read();
            switch (key)
            {
                case EventNameSeen:
                    if (!TryCachedString(ref reader, out eventName, out reason, "event_name")) return false;
                    if (eventName.Length == 0)
                    {
                        reason = "event_name is empty";
                        return false;
                    }
                    break;
                case ChannelSeen:
                    if (!TryCachedString(ref reader, out channel, out reason, "channel")) return false;
                    break;
                case DomainSeen:
                    if (!TryCachedString(ref reader, out domain, out reason, "domain")) return false;
                    break;
                case CorrelationSeen:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        reason = "correlation_id must be a string";
                        return false;
                    }
                    correlationId = reader.GetString();
                    break;
                case TimestampSeen:
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out timestamp))
                    {
                        reason = "timestamp must be an ISO-8601 string";
                        return false;
                    }
                    break;
                case PayloadSeen:
                    payloadStart = (int)reader.TokenStartIndex;
                    payloadKind = Kind(reader.TokenType);
                    if (records is not null && eventName is not null)
                    {
                        try
                        {
                            hasRecord = records.TryReadRecord(eventName, ref reader, out record);
                        }
                        catch (Exception)
                        {
                            // Whatever went wrong (bad payload shape or bad JSON), the two-pass read reports it as it always has.
                            return TryReadJson(message, null, out envelope, out reason);
                        }
                        if (hasRecord)
                        {
                            payloadLength = (int)reader.BytesConsumed - payloadStart;
                            break;
                        }
                    }
                    if (!SkipPayload(message, ref reader, out reason)) return false;
                    payloadLength = (int)reader.BytesConsumed - payloadStart;
                    break;
                default:
                    reader.Skip();   // extra keys are ignored, as kryten-py's pydantic model does
                    break;
            }
        }
        if (reader.Read())
        {
            reason = "data after the envelope object";
            return false;
        }
        const int required = EventNameSeen | PayloadSeen | ChannelSeen | DomainSeen;
        if ((seen & required) != required)
        {
            reason = "envelope lacks " + Name(required & ~seen);
            return false;
        }
        envelope = new KrytenEnvelope(
            eventName!, channel!, domain!,
            (seen & TimestampSeen) != 0 ? timestamp : _time.GetUtcNow(),
            correlationId is null ? EventCorrelationId.NewId() : new EventCorrelationId(correlationId),
            payloadStart, payloadLength, payloadKind, hasRecord, record);
        reason = null;
        return true;
    }

    private bool TryCachedString(ref Utf8JsonReader reader, out string value, out string? reason, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = "";
            reason = field + " must be a string";
            return false;
        }
        value = _cache.Get(ref reader);
        reason = null;
        return true;
    }

    // Skips the payload value, rejecting duplicate keys in its top-level object: CyTube never sends
    // them and Python would silently keep the last one. Names are compared in place (no strings).
    internal static bool SkipPayload(ReadOnlySpan<byte> message, ref Utf8JsonReader reader, out string? reason)
    {
        reason = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return true;
        }
        var depth = reader.CurrentDepth;
        // Key ranges (start, length) seen so far: on the stack for the usual few keys, pooled beyond that.
        Span<int> ranges = stackalloc int[32];
        int[]? rented = null;
        var count = 0;
        try
        {
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.TokenType != JsonTokenType.PropertyName) continue;
                for (var i = 0; i < count; i += 2)
                {
                    if (reader.ValueTextEquals(message.Slice(ranges[i], ranges[i + 1])))
                    {
                        reason = "duplicate key in the payload";
                        return false;
                    }
                }
                if (!reader.ValueIsEscaped && !reader.HasValueSequence)
                {
                    if (count == ranges.Length)
                    {
                        var bigger = ArrayPool<int>.Shared.Rent(count * 2);
                        ranges[..count].CopyTo(bigger);
                        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
                        ranges = rented = bigger;
                    }
                    ranges[count++] = (int)reader.TokenStartIndex + 1;
                    ranges[count++] = reader.ValueSpan.Length;
                }
                reader.Read();
                reader.Skip();
            }
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static int Key(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("event_name"u8) ? EventNameSeen
        : reader.ValueTextEquals("payload"u8) ? PayloadSeen
        : reader.ValueTextEquals("channel"u8) ? ChannelSeen
        : reader.ValueTextEquals("domain"u8) ? DomainSeen
        : reader.ValueTextEquals("timestamp"u8) ? TimestampSeen
        : reader.ValueTextEquals("correlation_id"u8) ? CorrelationSeen
        : 0;

    private static string Name(int keys) =>
        (keys & EventNameSeen) != 0 ? "event_name"
        : (keys & PayloadSeen) != 0 ? "payload"
        : (keys & ChannelSeen) != 0 ? "channel"
        : (keys & DomainSeen) != 0 ? "domain"
        : (keys & TimestampSeen) != 0 ? "timestamp"
        : "correlation_id";

    internal static JsonValueKind Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };
}

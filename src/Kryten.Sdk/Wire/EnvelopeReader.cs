using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Kryten.Sdk.Dispatch;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Reads the bridge envelope (wire-contract §2.1) from the received bytes with one <see cref="Utf8JsonReader"/> pass:
/// exactly one JSON object with string <c>event_name</c>, <c>channel</c>, <c>domain</c>, a <c>payload</c> of any kind
/// and, optionally, string <c>timestamp</c>/<c>correlation_id</c>, each at most once; other keys are ignored, as
/// kryten-py's model ignores them. Anything else is rejected with a reason, never an exception. The payload is located
/// (for raw handlers) and, in the same pass, read as each record type its event's typed handlers take: the bridge
/// writes <c>event_name</c> before <c>payload</c>, so the route is known when the reader reaches the payload.
/// One reader serves one subscription (one receive loop): it remembers the channel and domain strings it saw last,
/// because a channel's envelopes repeat them on every event, decodes event names into a buffer of its own, and holds
/// the records of the envelope it read last.
/// </summary>
internal sealed class EnvelopeReader(int maxBytes, int maxDepth, TimeProvider time)
{
    private const int EventNameSeen = 1, PayloadSeen = 2, ChannelSeen = 4, DomainSeen = 8, TimestampSeen = 16, CorrelationSeen = 32;
    private const int Required = EventNameSeen | PayloadSeen | ChannelSeen | DomainSeen;

    private readonly JsonReaderOptions _options = new() { MaxDepth = maxDepth };
    private RepeatedText _channel, _domain;
    private PayloadRecord[] _records = [];
    private readonly char[] _eventName = new char[HandlerTable.MaxNameChars];

    /// <summary>Reads one envelope, finds its event's route in <paramref name="handlers"/> and reads its payload's records.</summary>
    public bool TryRead(ReadOnlySpan<byte> message, HandlerTable handlers, out KrytenEnvelope envelope, out string? reason)
    {
        envelope = default;
        if (message.Length > maxBytes)
        {
            reason = $"message of {message.Length} bytes exceeds the {maxBytes} byte limit";
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
        try
        {
            return TryReadObject(message, handlers, out envelope, out reason);
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

    private bool TryReadObject(ReadOnlySpan<byte> message, HandlerTable handlers, out KrytenEnvelope envelope, out string? reason)
    {
        envelope = default;
        var reader = new Utf8JsonReader(message, _options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "envelope is not a JSON object";
            return false;
        }

        var seen = 0;
        var payload = default(Utf8JsonReader);   // the reader as it stood on the payload's first token: where records are read from
        int payloadStart = 0, payloadLength = 0;
        var payloadKind = JsonValueKind.Undefined;
        string? eventName = null, channel = null, domain = null;
        EventRoute route = EventRoute.None, routeAtPayload = EventRoute.None;
        var correlationId = default(EventCorrelationId);
        var timestamp = default(DateTimeOffset);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Key(ref reader, seen);
            if ((seen & key) != 0)
            {
                reason = "duplicate envelope key " + Name(key);
                return false;
            }
            seen |= key;
            reader.Read();
            if (key is EventNameSeen or ChannelSeen or DomainSeen or CorrelationSeen && reader.TokenType != JsonTokenType.String)
            {
                reason = Name(key) + " must be a string";
                return false;
            }
            switch (key)
            {
                case EventNameSeen:
                    eventName = handlers.ReadEventName(ref reader, _eventName, out route);
                    if (eventName.Length == 0)
                    {
                        reason = "event_name is empty";
                        return false;
                    }
                    break;
                case ChannelSeen:
                    channel = _channel.Read(ref reader);
                    break;
                case DomainSeen:
                    domain = _domain.Read(ref reader);
                    break;
                case CorrelationSeen:
                    correlationId = EventCorrelationId.Read(ref reader);
                    break;
                case TimestampSeen:
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out timestamp))
                    {
                        reason = "timestamp must be an ISO-8601 string";
                        return false;
                    }
                    break;
                case PayloadSeen:
                    payload = reader;
                    routeAtPayload = route;
                    payloadStart = (int)reader.TokenStartIndex;
                    payloadKind = Kind(reader.TokenType);
                    ReadPayload(ref reader, ref payload, route);
                    payloadLength = (int)reader.BytesConsumed - payloadStart;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (reader.Read())
        {
            reason = "data after the envelope object";
            return false;
        }
        if ((seen & Required) != Required)
        {
            reason = "envelope lacks " + Name(Required & ~seen);
            return false;
        }
        // An event_name after the payload (the bridge never sends one) was not known when the payload was passed: the
        // payload is read the same way, from the reader as it stood on it.
        if (!ReferenceEquals(route, routeAtPayload) && route.Records.Length > 0)
        {
            var late = payload;
            ReadPayload(ref late, ref payload, route);
        }
        envelope = new KrytenEnvelope(
            eventName!, route, channel!, domain!,
            (seen & TimestampSeen) != 0 ? timestamp : time.GetUtcNow(),
            (seen & CorrelationSeen) != 0 ? correlationId : EventCorrelationId.NewId(),
            payloadStart, payloadLength, payloadKind, _records.AsMemory(0, route.Records.Length));
        reason = null;
        return true;
    }

    /// <summary>
    /// Reads the payload as each record type of <paramref name="route"/> (with none, only skips it): the reader and
    /// <paramref name="start"/> are on the payload's first token, and the reader is left on its last token. A payload
    /// that does not have a record's shape is that record's error, not the envelope's (raw handlers still get it;
    /// dispatch logs it with the correlation id): the reader goes back to the start and skips the payload, so JSON that
    /// is not valid still fails the envelope.
    /// </summary>
    private void ReadPayload(ref Utf8JsonReader reader, ref Utf8JsonReader start, EventRoute route)
    {
        var records = route.Records;
        if (records.Length == 0)
        {
            reader.Skip();
            return;
        }
        if (_records.Length < records.Length) _records = new PayloadRecord[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            if (i > 0) reader = start;
            try
            {
                var record = records[i].Read(ref reader);
                _records[i] = IsLastTokenOf(ref reader, ref start) ? new(record, null) : throw new JsonException($"{records[i]} did not end where the payload ends.");
            }
            catch (JsonException e)
            {
                _records[i] = new(null, e);
                reader = start;
                reader.Skip();
            }
        }
    }

    // A record reader leaves the reader on its value's last token; one that stopped early or read on would have the rest
    // of the envelope misread, so that is checked here as KrytenJsonReader.EnsureEnd checks a payload read on its own.
    private static bool IsLastTokenOf(ref Utf8JsonReader reader, ref Utf8JsonReader start) =>
        reader.CurrentDepth == start.CurrentDepth
        && (start.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
            ? reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray
            : reader.TokenStartIndex == start.TokenStartIndex);

    /// <summary>
    /// Which envelope key the property name is (0 for any other). Every key is tried, the ones not seen yet first: the
    /// flags follow the bridge's key order, so in a bridge envelope the first key tried is the one, where trying them
    /// all in a fixed order would compare 21 times per envelope instead of 6. A key seen before still matches, as a
    /// duplicate.
    /// </summary>
    private static int Key(ref Utf8JsonReader reader, int seen)
    {
        for (var key = EventNameSeen; key <= CorrelationSeen; key <<= 1)
        {
            if ((seen & key) == 0 && reader.ValueTextEquals(Utf8Name(key))) return key;
        }
        for (var key = EventNameSeen; key <= CorrelationSeen; key <<= 1)
        {
            if ((seen & key) != 0 && reader.ValueTextEquals(Utf8Name(key))) return key;
        }
        return 0;
    }

    private static ReadOnlySpan<byte> Utf8Name(int key) => key switch
    {
        EventNameSeen => KrytenWire.EnvelopeEventNameUtf8,
        PayloadSeen => KrytenWire.EnvelopePayloadUtf8,
        ChannelSeen => KrytenWire.EnvelopeChannelUtf8,
        DomainSeen => KrytenWire.EnvelopeDomainUtf8,
        TimestampSeen => KrytenWire.EnvelopeTimestampUtf8,
        _ => KrytenWire.EnvelopeCorrelationIdUtf8,
    };

    private static string Name(int keys) =>
        (keys & EventNameSeen) != 0 ? KrytenWire.EnvelopeEventName
        : (keys & PayloadSeen) != 0 ? KrytenWire.EnvelopePayload
        : (keys & ChannelSeen) != 0 ? KrytenWire.EnvelopeChannel
        : (keys & DomainSeen) != 0 ? KrytenWire.EnvelopeDomain
        : (keys & TimestampSeen) != 0 ? KrytenWire.EnvelopeTimestamp
        : KrytenWire.EnvelopeCorrelationId;

    private static JsonValueKind Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };

    /// <summary>
    /// The last string read for one envelope key, reused while the next one is equal (no new string per event). Its UTF-8
    /// form is kept beside it, because comparing the token with a string would transcode the string on every event.
    /// </summary>
    private struct RepeatedText
    {
        private string? _text;
        private byte[]? _utf8;

        public string Read(ref Utf8JsonReader reader)
        {
            if (_utf8 is not null && reader.ValueTextEquals(_utf8)) return _text!;
            _text = reader.GetString()!;
            _utf8 = Encoding.UTF8.GetBytes(_text);
            return _text;
        }
    }
}

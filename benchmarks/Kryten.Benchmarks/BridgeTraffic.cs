using System.Globalization;
using System.Text;
using System.Text.Json;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Benchmarks;

/// <summary>
/// Bridge-shaped chatMsg envelopes (wire-contract §2.1, Python json.dumps bytes: ", " and ": " separators, the bridge's
/// key order), each with its own correlation id and timestamp as the real bridge sends them, built before measuring so
/// building them is not measured.
/// </summary>
internal static class BridgeTraffic
{
    public const string Channel = "Bench";
    public const string Domain = "cytu.be";

    /// <summary>The subject the bridge publishes the channel's chat on.</summary>
    public static string Subject { get; } = KrytenSubjects.EventSubject(KrytenWire.EventSubjectPrefix, Channel, ChatMessage.CytubeEventName);

    public static byte[][] ChatMessages(int count) => ChatMessages(count, i => "hello world " + i.ToString(CultureInfo.InvariantCulture));

    /// <summary><paramref name="count"/> chatMsg envelopes from alice whose message <paramref name="text"/> gives.</summary>
    public static byte[][] ChatMessages(int count, Func<int, string> text)
    {
        var start = new DateTimeOffset(2026, 8, 14, 18, 25, 43, TimeSpan.Zero);
        var envelopes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var at = start.AddTicks(i * 10L);
            var json = $$"""
                {"{{KrytenWire.EnvelopeEventName}}": "{{ChatMessage.CytubeEventName}}", "{{KrytenWire.EnvelopePayload}}": {"username": "alice", "msg": "{{JsonEncodedText.Encode(text(i))}}", "meta": {}, "time": {{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}, "{{KrytenWire.EnvelopeChannel}}": "{{Channel}}", "{{KrytenWire.EnvelopeDomain}}": "{{Domain}}", "{{KrytenWire.EnvelopeTimestamp}}": "{{KrytenTimestamps.Format(at)}}", "{{KrytenWire.EnvelopeCorrelationId}}": "{{Guid.NewGuid():D}}"}
                """;
            envelopes[i] = Encoding.UTF8.GetBytes(json);
        }
        return envelopes;
    }

    /// <summary>Where the payload's JSON sits in an envelope (start, length), found the way a JSON reader finds it.</summary>
    public static (int Start, int Length) PayloadOf(byte[] envelope)
    {
        var reader = new Utf8JsonReader(envelope);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPayload = reader.ValueTextEquals(KrytenWire.EnvelopePayloadUtf8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isPayload) return (start, (int)reader.BytesConsumed - start);
        }
        throw new InvalidOperationException("a benchmark envelope has no payload");
    }
}

using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>The generated record readers on bytes they were not written for: they read or reject, and reject only with <see cref="JsonException"/>.</summary>
public sealed class RecordReaderTests
{
    private static readonly byte[] Interesting = "{}[]\":, \\0123456789-.eEtrufalsn"u8.ToArray();

    [Fact]
    public void Mutated_payloads_are_read_or_rejected_with_a_JsonException_and_nothing_else()
    {
        var payloads = ContractVectors.Vectors("events.json")
            .Where(v => v.GetProperty("in_catalog").GetBoolean())
            .Select(v => (Event: v.GetProperty("cytube_event").GetString()!, Payload: Encoding.UTF8.GetBytes(v.GetProperty("json").GetProperty("payload").GetRawText())))
            .ToArray();
        var random = new Random(1207);
        int read = 0, rejected = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var (eventName, payload) = payloads[random.Next(payloads.Length)];
            KrytenEventRegistry.TryGetByName(eventName, out var info).ShouldBeTrue(eventName);
            var bytes = new List<byte>(payload);
            for (var e = random.Next(1, 4); e > 0; e--)
            {
                var value = random.Next(4) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
                ByteEdits.Apply(bytes, random, value, []);
            }
            try
            {
                info.ReadPayload(bytes.ToArray()).ShouldBeOfType(info.RecordType);
                read++;
            }
            catch (JsonException)
            {
                rejected++;
            }
        }
        read.ShouldBeGreaterThan(500, $"read {read}, rejected {rejected}");
        rejected.ShouldBeGreaterThan(5_000, $"read {read}, rejected {rejected}");
    }

    [Fact]
    public void Escaped_and_raw_non_ASCII_text_read_as_the_same_string()
    {
        var info = KrytenEventInfo.Of<ChatMessage>();
        var escaped = (ChatMessage)info.ReadPayload("""{"username": "caf\u00e9", "msg": "\ud83d\ude00 <b>&amp;</b>", "meta": {}, "time": 1}"""u8);
        var raw = (ChatMessage)info.ReadPayload(Encoding.UTF8.GetBytes("""{"username": "café", "msg": "😀 <b>&amp;</b>", "meta": {}, "time": 1}"""));

        escaped.Username.ShouldBe("café");
        escaped.Msg.ShouldBe("😀 <b>&amp;</b>");
        raw.ShouldBe(escaped);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]            // invalid continuation byte
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]      // UTF-8 encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF })]            // overlong '/'
    public void Invalid_UTF8_inside_a_string_is_rejected(byte[] invalid)
    {
        var payload = "{\"username\": \"a"u8.ToArray().Concat(invalid).Concat("\", \"msg\": \"m\", \"meta\": {}, \"time\": 1}"u8.ToArray()).ToArray();
        Should.Throw<JsonException>(() => KrytenEventInfo.Of<ChatMessage>().ReadPayload(payload));
    }

    [Fact]
    public void A_lone_surrogate_escape_is_rejected_as_a_JsonException()
    {
        Should.Throw<JsonException>(() => KrytenEventInfo.Of<ChatMessage>().ReadPayload("""{"username": "\ud800", "msg": "m", "meta": {}, "time": 1}"""u8));
    }

    [Fact]
    public void The_payload_depth_limit_is_the_callers()
    {
        var info = KrytenEventInfo.Of<ChatMessage>();
        var nested = "{\"username\": \"a\", \"msg\": \"m\", \"meta\": {\"x\": [[[1]]]}, \"time\": 1}"u8.ToArray();
        info.ReadPayload(nested, maxDepth: 5).ShouldBeOfType<ChatMessage>();
        Should.Throw<JsonException>(() => info.ReadPayload(nested, maxDepth: 4));
    }
}

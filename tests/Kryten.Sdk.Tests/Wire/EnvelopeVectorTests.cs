using System.Text.Json;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Wire;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

public sealed class EnvelopeVectorTests
{
    public static TheoryDataNames Names => ContractVectors.Names("events.json");

    private static EnvelopeReader Reader() => new(1024 * 1024, 64, TimeProvider.System);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_bridge_envelope_is_read_from_its_bytes(string name)
    {
        var v = ContractVectors.ByName("events.json", name);
        var bytes = Convert.FromBase64String(v.GetProperty("bytes_base64").GetString()!);
        var expect = v.GetProperty("expect").GetProperty("envelope");

        Reader().TryRead(bytes, HandlerTable.Empty, out var envelope, out var reason).ShouldBeTrue(reason);

        envelope.EventName.ShouldBe(expect.GetProperty("event_name").GetString());
        envelope.Channel.ShouldBe(expect.GetProperty("channel").GetString());
        envelope.Domain.ShouldBe(expect.GetProperty("domain").GetString());
        envelope.CorrelationId.ToString().ShouldBe(expect.GetProperty("correlation_id").GetString());
        var micros = (envelope.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        micros.ShouldBe(expect.GetProperty("timestampUnixMicros").GetInt64());
        var kind = envelope.PayloadKind switch
        {
            JsonValueKind.True or JsonValueKind.False => "boolean",
            var other => other.ToString().ToLowerInvariant(),
        };
        kind.ShouldBe(expect.GetProperty("payloadKind").GetString());
        using var payload = JsonDocument.Parse(envelope.Payload((ReadOnlyMemory<byte>)bytes));
        JsonSemantics.Equal(payload.RootElement, v.GetProperty("json").GetProperty("payload")).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_bridge_subject_is_the_one_we_subscribe_to(string name)
    {
        var v = ContractVectors.ByName("events.json", name);
        var env = v.GetProperty("expect").GetProperty("envelope");
        var channel = env.GetProperty("channel").GetString()!;
        var subject = v.GetProperty("subject").GetString()!;

        KrytenSubjects.EventSubject("kryten.events.cytube", channel, v.GetProperty("cytube_event").GetString()!).ShouldBe(subject);
        subject.ShouldStartWith("kryten.events.cytube." + KrytenSubjects.Normalize(channel) + ".");
    }

    [Theory]
    [InlineData("3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13")]   // the bridge's uuid4 form, kept as its bytes
    [InlineData("3F2B8C1E-9A4D-4E6B-8F1A-2C5D7E9B0A13")]   // upper case comes back as sent
    [InlineData("{3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13}")]
    [InlineData("3f2b8c1e9a4d4e6b8f1a2c5d7e9b0a13")]
    [InlineData("3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a1")]
    [InlineData("req-42")]
    [InlineData("")]
    [InlineData("a-correlation-id-that-is-longer-than-a-uuid-and-kept-as-text")]
    [InlineData("café-1")]   // raw UTF-8, kept as its bytes and decoded when asked for
    public void Correlation_ids_come_back_exactly_as_sent(string id)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"event_name": "usercount", "payload": 3, "channel": "c", "domain": "d", "timestamp": "2026-08-14T18:25:43+00:00", "correlation_id": "{{id}}"}""");
        Reader().TryRead(bytes, HandlerTable.Empty, out var envelope, out var reason).ShouldBeTrue(reason);
        envelope.CorrelationId.ToString().ShouldBe(id);
        var context = new EventContext("usercount", "c", "d", "s", envelope.Timestamp, envelope.CorrelationId, null!, 1, isBacklog: false);
        context.CorrelationId.ShouldBe(id);
    }

    [Fact]
    public void A_handled_event_s_name_and_a_repeated_channel_and_domain_are_not_new_strings()
    {
        var bytes = """{"event_name": "chatMsg", "payload": {}, "channel": "caf\u00e9", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43+00:00", "correlation_id": "x"}"""u8.ToArray();
        var table = HandlerTable.Empty.With([new RawDelegateEntry((_, _, _) => default, "chatmsg", null, null, false)]);
        var reader = Reader();
        reader.TryRead(bytes, table, out var first, out _).ShouldBeTrue();
        reader.TryRead(bytes, table, out var second, out _).ShouldBeTrue();
        first.Route.Raw.ShouldHaveSingleItem();
        first.EventName.ShouldBe("chatmsg");   // the table's own instance: the name as the handler gave it
        first.Channel.ShouldBe("café");
        ReferenceEquals(first.Channel, second.Channel).ShouldBeTrue();
        ReferenceEquals(first.EventName, second.EventName).ShouldBeTrue();
        first.Timestamp.ShouldBe(new DateTimeOffset(2026, 8, 14, 18, 25, 43, TimeSpan.Zero));
    }

    [Fact]
    public void Missing_timestamp_and_correlation_id_get_defaults_like_kryten_py()
    {
        var bytes = """{"event_name": "usercount", "payload": 3, "channel": "c", "domain": "d"}"""u8.ToArray();
        Reader().TryRead(bytes, HandlerTable.Empty, out var envelope, out _).ShouldBeTrue();
        Guid.TryParse(envelope.CorrelationId.ToString(), out _).ShouldBeTrue();
        (DateTimeOffset.UtcNow - envelope.Timestamp).ShouldBeLessThan(TimeSpan.FromMinutes(1));
        envelope.PayloadKind.ShouldBe(JsonValueKind.Number);
    }

    [Theory]
    [InlineData("""{"event_name": "a", "payload": 1, "channel": "c", "domain": "d", "timestamp": 5}""")]
    [InlineData("""{"event_name": "a", "payload": 1, "channel": "c", "domain": "d", "timestamp": "yesterday"}""")]
    [InlineData("""{"event_name": "", "payload": 1, "channel": "c", "domain": "d"}""")]
    [InlineData("""{"event_name": "a", "payload": 1, "channel": null, "domain": "d"}""")]
    [InlineData("""{"event_name": "a", "channel": "c", "domain": "d"}""")]
    [InlineData("""{"event_name": "a", "payload": 1, "channel": "c", "domain": "d", "domain": "d"}""")]
    public void Invalid_envelopes_are_rejected_with_a_reason(string json)
    {
        Reader().TryRead(System.Text.Encoding.UTF8.GetBytes(json), HandlerTable.Empty, out _, out var reason).ShouldBeFalse();
        reason.ShouldNotBeNullOrEmpty();
    }
}

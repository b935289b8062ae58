using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Dispatch;

/// <summary>
/// The envelope reader reads the payload's records in its own pass; these pin what dispatch makes of them: the key
/// order does not matter, each record type is read once and goes to its handlers, and a payload that does not fit a
/// record is reported only when a handler that matches the event takes that record.
/// </summary>
public sealed class PayloadRecordTests
{
    private const string Payload = """{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}""";

    private static byte[] Envelope(string payload, bool nameFirst = true) => System.Text.Encoding.UTF8.GetBytes(nameFirst
        ? $$"""{"event_name": "chatMsg", "payload": {{payload}}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "c-1"}"""
        : $$"""{"payload": {{payload}}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "c-1", "event_name": "chatMsg"}""");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_record_is_read_whether_event_name_comes_before_or_after_the_payload(bool nameFirst)
    {
        using var rig = new DispatchRig();
        var got = new List<ChatMessage>();
        rig.Add(new DelegateEntry<ChatMessage>((m, _, _) => { got.Add(m); return default; }, null, null, false));

        await rig.DispatchAsync(Envelope(Payload, nameFirst));

        got.ShouldHaveSingleItem().Msg.ShouldBe("hi");
        rig.Metrics.EventsMalformed.ShouldBe(0);
    }

    [Fact]
    public async Task Two_record_types_of_one_event_each_get_their_own_record()
    {
        using var rig = new DispatchRig();
        var got = new List<object>();
        rig.Add(
            new DelegateEntry<ChatMessage>((m, _, _) => { got.Add(m); return default; }, null, null, false),
            new DelegateEntry<TestChat>((m, _, _) => { got.Add(m); return default; }, null, null, false),
            new DelegateEntry<ChatMessage>((m, _, _) => { got.Add(m); return default; }, null, null, false));

        await rig.DispatchAsync(Envelope(Payload));

        got.Count.ShouldBe(3);
        got[0].ShouldBeOfType<ChatMessage>().Msg.ShouldBe("hi");
        got[1].ShouldBeOfType<TestChat>().Msg.ShouldBe("hi");
        got[2].ShouldBeSameAs(got[0]);   // one record per type and event
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_payload_of_the_wrong_shape_is_counted_once_and_raw_handlers_still_get_it(bool nameFirst)
    {
        using var rig = new DispatchRig();
        var typed = 0;
        var raw = new List<KrytenRawEvent>();
        rig.Add(
            new DelegateEntry<ChatMessage>((_, _, _) => { typed++; return default; }, null, null, false),
            new DelegateEntry<ChatMessage>((_, _, _) => { typed++; return default; }, null, null, false),
            new RawDelegateEntry((e, _, _) => { raw.Add(e); return default; }, null, null, null, false));
        const string WrongShape = """{"username": "alice", "msg": 5, "meta": {}, "time": 1786731943510}""";

        await rig.DispatchAsync(Envelope(WrongShape, nameFirst));

        typed.ShouldBe(0);
        rig.Metrics.EventsMalformed.ShouldBe(1);
        System.Text.Encoding.UTF8.GetString(raw.ShouldHaveSingleItem().Payload.Span).ShouldBe(WrongShape);
        raw[0].CorrelationId.ShouldBe("c-1");
    }

    [Fact]
    public async Task A_payload_of_the_wrong_shape_for_a_handler_filtered_out_is_not_reported()
    {
        using var rig = new DispatchRig();
        rig.Add(new DelegateEntry<ChatMessage>((_, _, _) => default, "another channel", null, false));

        await rig.DispatchAsync(Envelope("""{"msg": 5}"""));

        rig.Metrics.EventsMalformed.ShouldBe(0);
    }

    [Fact]
    public async Task A_record_that_fits_does_not_hide_invalid_JSON_after_it()
    {
        using var rig = new DispatchRig();
        var typed = 0;
        rig.Add(new DelegateEntry<ChatMessage>((_, _, _) => { typed++; return default; }, null, null, false));

        // The record's reader fails on "msg" before it reaches the broken array; the envelope must still be rejected.
        await rig.DispatchAsync(Envelope("""{"username": "alice", "msg": 5, "meta": {}, "time": 1, "x": [1 2]}"""));

        typed.ShouldBe(0);
        rig.Metrics.EventsMalformed.ShouldBe(1);
        rig.Channel.Events.ShouldBe(0);   // rejected as an envelope, not received
    }
}

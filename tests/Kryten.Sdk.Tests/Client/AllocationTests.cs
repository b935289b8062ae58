using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

/// <summary>
/// The event path (bytes in → typed handler invoked) allocates the record with its strings and nothing else: the
/// envelope's event name, channel and domain are strings the dispatcher already holds, and a correlation id of up to 36
/// bytes (the bridge's uuid4 ids) becomes a string only when asked for. Measured on one thread with a handler that
/// completes synchronously.
/// </summary>
[Collection("Diagnostics listeners")]
public sealed class AllocationTests
{
    private static readonly byte[] Chat = """{"event_name": "chatMsg", "payload": {"username": "alice", "msg": "hello world", "meta": {}, "time": 1786731943510}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": "3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13"}"""u8.ToArray();

    [Fact]
    public async Task Dispatching_a_chat_message_allocates_the_record_and_nothing_else()
    {
        using var rig = new DispatchRig();
        var handled = 0;
        rig.Add(new DelegateEntry<ChatMessage>((_, _, _) => { handled++; return default; }, "420Grindhouse", null, false));
        for (var i = 0; i < 200; i++) await rig.DispatchAsync(Chat);   // warm up: type initialisation, pools, the channel's strings

        var info = KrytenEventInfo.Of<ChatMessage>();
        var start = Chat.AsSpan().IndexOf("{\"username\""u8);
        var payload = Chat.AsSpan(start, Chat.AsSpan().IndexOf(", \"channel\""u8) - start);
        info.ReadPayload(payload).ShouldBeOfType<ChatMessage>().Msg.ShouldBe("hello world");
        var beforeRecord = GC.GetAllocatedBytesForCurrentThread();
        info.ReadPayload(payload);
        var recordBytes = GC.GetAllocatedBytesForCurrentThread() - beforeRecord;

        const int n = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++) rig.DispatchAsync(Chat).IsCompletedSuccessfully.ShouldBeTrue();
        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;

        handled.ShouldBe(200 + n);
        recordBytes.ShouldBeGreaterThan(0);
        TestContext.Current.TestOutputHelper?.WriteLine($"record {recordBytes} B, dispatch {perEvent:0} B per event");
        perEvent.ShouldBe((double)recordBytes);
    }

    [Fact]
    public async Task An_event_nobody_handles_costs_only_its_name_and_a_long_id()
    {
        using var rig = new DispatchRig();
        rig.Add(new DelegateEntry<ChatMessage>((_, _, _) => default, null, null, false));
        var quiet = """{"event_name": "usercount", "payload": 3, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "x"}"""u8.ToArray();
        var longId = """{"event_name": "usercount", "payload": 3, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "an-id-longer-than-a-uuid-is-kept-as-text"}"""u8.ToArray();
        for (var i = 0; i < 200; i++) await rig.DispatchAsync(quiet);

        // "usercount" has no handler, so its name is read as a new string (40 B); "x" is kept as its bytes.
        (await BytesPerEventAsync(rig, quiet)).ShouldBe(40d);
        // An id longer than a uuid is kept as its text (a 40-character string, 104 B).
        (await BytesPerEventAsync(rig, longId)).ShouldBe(40d + 104d);
    }

    private static async Task<double> BytesPerEventAsync(DispatchRig rig, byte[] envelope)
    {
        await rig.DispatchAsync(envelope);
        const int n = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++) rig.DispatchAsync(envelope).IsCompletedSuccessfully.ShouldBeTrue();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;
    }
}

using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kryten.Sdk.Tests.Client;

/// <summary>
/// The hot path (bytes in → typed handler invoked) allocates the record and nothing else: the bridge's uuid4
/// correlation id becomes a string only when asked for. Measured on one thread with a handler that completes
/// synchronously.
/// </summary>
[Collection("Diagnostics listeners")]
public sealed class AllocationTests
{
    [Fact]
    public async Task Dispatching_a_chat_message_allocates_nothing_beyond_the_record()
    {
        var options = TestClients.Options("420Grindhouse");
        using var metrics = new KrytenMetrics();
        var parsers = new EventParsers(GeneratedEventRegistry.Records);
        var sender = new NullSender();
        var dispatcher = new EventDispatcher(options, parsers, sender, metrics, NullLogger.Instance);
        var handled = 0;
        dispatcher.Add([new DelegateEntry<ChatMessage>((_, _, _) => { handled++; return default; }, "420Grindhouse", null, false)]);
        var reader = new EnvelopeReader(1 << 20, 64, TimeProvider.System);
        var body = """{"event_name": "chatMsg", "payload": {"username": "alice", "msg": "hello world", "meta": {}, "time": 1786731943510}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": "3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13"}"""u8.ToArray();
        var message = new KrytenMessage("kryten.events.cytube.420grindhouse.chatmsg", null, body);

        for (var i = 0; i < 200; i++) await dispatcher.DispatchAsync(message, reader, null);   // warm up caches and pools
        new EnvelopeReader(1 << 20, 64, TimeProvider.System).TryRead(body, out var envelope, out _).ShouldBeTrue();
        // The record as dispatch reads it: matched byte for byte, its empty "meta" the shared instance.
        int at;
        bool ReadRecord()
        {
            at = envelope.PayloadStart;
            return KrytenEventRegistry.TryReadCanonical("chatMsg", body, ref at, 63, out _);
        }
        ReadRecord().ShouldBeTrue();   // first call: type initialisation
        var record = GC.GetAllocatedBytesForCurrentThread();
        ReadRecord();
        var recordBytes = GC.GetAllocatedBytesForCurrentThread() - record;
        at.ShouldBe(envelope.PayloadStart + envelope.PayloadLength);

        const int n = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            var pending = dispatcher.DispatchAsync(message, reader, null);
            pending.IsCompletedSuccessfully.ShouldBeTrue();
        }
        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;

        var quiet = new KrytenMessage("kryten.events.cytube.420grindhouse.usercount", null, "{\"event_name\": \"usercount\", \"payload\": 3, \"channel\": \"420Grindhouse\", \"domain\": \"cytu.be\", \"correlation_id\": \"x\"}"u8.ToArray());
        for (var i = 0; i < 200; i++) await dispatcher.DispatchAsync(quiet, reader, null);   // its name enters the cache
        var unhandledBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++) dispatcher.DispatchAsync(quiet, reader, null).IsCompletedSuccessfully.ShouldBeTrue();
        var unhandled = (GC.GetAllocatedBytesForCurrentThread() - unhandledBefore) / (double)n;

        handled.ShouldBe(200 + n);
        recordBytes.ShouldBeGreaterThan(0);
        TestContext.Current.TestOutputHelper?.WriteLine($"record {recordBytes} B, dispatch {perEvent:0} B per event, unhandled event {unhandled:0} B");
        unhandled.ShouldBe(24d);   // only the correlation id string ("x", not a uuid, so kept as text)
        perEvent.ShouldBe((double)recordBytes);
    }

    private sealed class NullSender : IKrytenCommandSender
    {
        public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default) => new("");

        public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}

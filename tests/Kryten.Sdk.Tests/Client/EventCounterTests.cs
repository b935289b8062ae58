using System.Diagnostics.Metrics;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kryten.Sdk.Tests.Client;

/// <summary>
/// Received events are counted by their channel's receive loop (no interlocked operation per event) or, dispatched
/// without a channel, by the metrics; the meter's counter must still see every one while it is listened to.
/// </summary>
[Collection("Diagnostics listeners")]
public sealed class EventCounterTests
{
    private static readonly byte[] Tick =
        """{"event_name": "tick", "payload": {}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "t-1"}"""u8.ToArray();

    [Fact]
    public async Task Events_on_a_channel_and_without_one_are_counted_once_each_and_seen_by_the_meter()
    {
        using var metrics = new KrytenMetrics();
        long received = 0, malformed = 0;
        using var listener = new MeterListener
        {
            // Only this meter: tests running alongside have clients with meters of the same name.
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "kryten.events.received") Interlocked.Add(ref received, value);
            if (instrument.Name == "kryten.events.malformed") Interlocked.Add(ref malformed, value);
        });
        listener.Start();
        var options = TestClients.Options("420Grindhouse");
        var dispatcher = new EventDispatcher(options, new EventParsers(null), null!, metrics, NullLogger.Instance);
        var channel = new ChannelState(options.Channels[0], "kryten.events.cytube.420grindhouse.>");
        var reader = new EnvelopeReader(1 << 20, 64, TimeProvider.System);
        var message = new KrytenMessage("kryten.events.cytube.420grindhouse.tick", null, Tick);

        for (var i = 0; i < 5; i++) await dispatcher.DispatchAsync(message, reader, channel);
        for (var i = 0; i < 2; i++) await dispatcher.DispatchAsync(message, reader, null);
        await dispatcher.DispatchAsync(message with { Data = "{"u8.ToArray() }, reader, channel);

        channel.Events.ShouldBe(5);
        metrics.EventsReceivedWithoutChannel.ShouldBe(2);
        Interlocked.Read(ref received).ShouldBe(7);
        Interlocked.Read(ref malformed).ShouldBe(1);
        metrics.EventsMalformed.ShouldBe(1);
        metrics.LastEventTime(DateTimeOffset.UtcNow).ShouldNotBeNull();
    }

    [Fact]
    public async Task Health_reports_the_sum_of_the_channels_counts()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Channels.Add(new KrytenChannelOptions { Channel = "Lounge", Domain = "cytu.be" });
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        await bus.PublishEventAsync("420Grindhouse", "usercount", "3");
        await bus.PublishEventAsync("Lounge", "usercount", "4");
        await bus.PublishEventAsync("Lounge", "usercount", "5");
        await bus.WhenIdleAsync();

        var health = client.Health();
        health.Channels.Select(c => c.EventsReceived).ShouldBe([1L, 2L]);
        health.EventsReceived.ShouldBe(3);
    }
}

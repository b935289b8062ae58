using System.Diagnostics.Metrics;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

/// <summary>Received events are counted by their channel; the meter's counter must see every one while it is listened to.</summary>
[Collection("Diagnostics listeners")]
public sealed class EventCounterTests
{
    private static readonly byte[] Tick =
        """{"event_name": "tick", "payload": {}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "t-1"}"""u8.ToArray();

    [Fact]
    public async Task Events_are_counted_once_each_and_seen_by_the_meter()
    {
        using var rig = new DispatchRig();
        long received = 0, malformed = 0;
        using var listener = new MeterListener
        {
            // Only this meter: tests running alongside have clients with meters of the same name.
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, rig.Metrics.Meter)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "kryten.events.received") Interlocked.Add(ref received, value);
            if (instrument.Name == "kryten.events.malformed") Interlocked.Add(ref malformed, value);
        });
        listener.Start();

        for (var i = 0; i < 5; i++) await rig.DispatchAsync(Tick);
        await rig.DispatchAsync("{"u8.ToArray());

        rig.Channel.Events.ShouldBe(5);
        Interlocked.Read(ref received).ShouldBe(5);
        Interlocked.Read(ref malformed).ShouldBe(1);
        rig.Metrics.EventsMalformed.ShouldBe(1);
        rig.Metrics.LastEventTime(DateTimeOffset.UtcNow).ShouldNotBeNull();
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

using System.Diagnostics.Metrics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

/// <summary>Every invocation is timed: for the duration histogram while it is listened to, and for the health report.</summary>
[Collection("Diagnostics listeners")]
public sealed class HandlerLatencyTests
{
    private const string Chat = """{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}""";

    [Fact]
    public async Task Every_invocation_is_recorded_in_the_duration_histogram()
    {
        using var rig = new DispatchRig();
        var durations = new List<double>();
        using var listener = new MeterListener
        {
            // Only this rig's meter: tests running alongside have clients with meters of the same name.
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, rig.Metrics.Meter) && instrument.Name == "kryten.handlers.duration") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (durations) durations.Add(value); });
        listener.Start();
        rig.Add(new RawDelegateEntry((_, _, _) =>
        {
            Thread.Sleep(2);
            return default;
        }, "tick", null, null, false));

        for (var i = 0; i < 5; i++)
        {
            await rig.DispatchAsync("""{"event_name": "tick", "payload": {}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "t-1"}"""u8.ToArray());
        }
        await rig.WhenIdleAsync();

        lock (durations)
        {
            durations.Count.ShouldBe(5);
            durations.ShouldAllBe(ms => ms >= 1.5);
        }
        rig.Metrics.HandlerLatencyMs.Mean.ShouldBeGreaterThanOrEqualTo(1.5);
    }

    [Fact]
    public async Task The_health_report_gives_real_latencies()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("420Grindhouse"));
        await using var _ = client;
        client.On<TestChat>((_, _, _) =>
        {
            Thread.Sleep(1);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 20; i++) await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(30));

        var health = client.Health();
        health.MeanHandlerLatency.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(0.5));
        health.P99HandlerLatency.ShouldBeGreaterThanOrEqualTo(health.MeanHandlerLatency);
    }
}

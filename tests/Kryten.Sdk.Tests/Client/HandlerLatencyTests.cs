using System.Diagnostics.Metrics;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

/// <summary>
/// Handler time is read from the precise clock for a one-in-eight sample, or for every invocation while a meter
/// listener records the duration histogram; these pin down both, since the health report depends on them.
/// </summary>
[Collection("Diagnostics listeners")]
public sealed class HandlerLatencyTests
{
    private const string Chat = """{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}""";

    [Fact]
    public async Task Every_invocation_is_timed_while_the_duration_histogram_is_listened_to()
    {
        var durations = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == KrytenDiagnostics.Name && instrument.Name == "kryten.handlers.duration") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (durations) durations.Add(value); });
        listener.Start();
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("420Grindhouse"));
        await using var _ = client;
        client.On<TestChat>((_, _, _) =>
        {
            Thread.Sleep(2);
            return default;
        });

        for (var i = 0; i < 5; i++) await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        lock (durations)
        {
            durations.Count.ShouldBe(5);
            durations.ShouldAllBe(ms => ms >= 1.5);
        }
        client.Health().MeanHandlerLatency.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1.5));
    }

    [Fact]
    public async Task Without_a_listener_a_sample_still_gives_the_health_report_real_latencies()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("420Grindhouse"));
        await using var _ = client;
        client.On<TestChat>((_, _, _) =>
        {
            Thread.Sleep(1);
            return default;
        });

        // 200 invocations: whichever threads the receive loop ran on, one of them saw at least eight.
        for (var i = 0; i < 200; i++) await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(30));

        var health = client.Health();
        health.MeanHandlerLatency.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(0.5));
        health.P99HandlerLatency.ShouldBeGreaterThanOrEqualTo(health.MeanHandlerLatency);
    }
}

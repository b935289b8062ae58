using System.Diagnostics.Metrics;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging.Abstractions;
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
        using var metrics = new KrytenMetrics();
        var durations = new List<double>();
        using var listener = new MeterListener
        {
            // Only this dispatcher's meter: tests running alongside have clients with meters of the same name.
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == "kryten.handlers.duration") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (durations) durations.Add(value); });
        listener.Start();
        var dispatcher = new EventDispatcher(TestClients.Options("420Grindhouse"), new EventParsers(null), null!, metrics, NullLogger.Instance);
        dispatcher.Add([new RawDelegateEntry((_, _, _) =>
        {
            Thread.Sleep(2);
            return default;
        }, "tick", null, null, false)]);
        var reader = new EnvelopeReader(1 << 20, 64, TimeProvider.System);
        var message = new KrytenMessage("kryten.events.cytube.420grindhouse.tick", null,
            """{"event_name": "tick", "payload": {}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "t-1"}"""u8.ToArray());

        for (var i = 0; i < 5; i++) await dispatcher.DispatchAsync(message, reader, null);
        await dispatcher.WhenIdleAsync(TimeSpan.FromSeconds(10));

        lock (durations)
        {
            durations.Count.ShouldBe(5);   // one in eight would have timed at most one of five
            durations.ShouldAllBe(ms => ms >= 1.5);
        }
        metrics.HandlerLatencyMs.Mean.ShouldBeGreaterThanOrEqualTo(1.5);
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

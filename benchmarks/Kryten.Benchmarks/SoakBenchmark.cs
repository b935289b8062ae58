using System.Diagnostics;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using NATS.Client.Core;

namespace Kryten.Benchmarks;

/// <summary>
/// A bounded soak: bridge-shaped chatMsg envelopes at a fixed rate into a KrytenClient typed handler for a fixed
/// duration, reporting working set and managed heap at the start (after a warm-up) and at the end, so a leak shows as
/// growth. Ends by itself.
/// </summary>
internal sealed class SoakBenchmark(string url, TimeSpan duration, int eventsPerSecond)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync()
    {
        // A ring of distinct envelopes: every event has its own correlation id, as from the bridge.
        var envelopes = BridgeTraffic.ChatMessages(Math.Min(eventsPerSecond * 10, 200_000));
        await using var publisher = new NatsConnection(new NatsOpts { Url = url, Name = "soak-bridge" });
        await publisher.ConnectAsync().ConfigureAwait(false);
        var options = new KrytenOptions
        {
            Nats = { Servers = [url], Name = "soak-sdk" },
            Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = BridgeTraffic.Domain }],
        };
        await using var client = new KrytenClient(options);
        long handled = 0;
        using var handler = client.On<ChatMessage>((_, _, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        });
        await client.ConnectAsync().ConfigureAwait(false);

        Console.WriteLine($"soak: {eventsPerSecond:N0} events/s for {duration} (+{WarmUp.TotalSeconds:0} s warm-up)");
        long sent = 0;
        var started = Stopwatch.GetTimestamp();
        var total = WarmUp + duration;
        Snapshot? first = null;
        var nextReport = WarmUp;
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed = Stopwatch.GetElapsedTime(started))
        {
            var due = (long)(elapsed.TotalSeconds * eventsPerSecond);
            for (; sent < due; sent++) await publisher.PublishAsync(BridgeTraffic.Subject, envelopes[sent % envelopes.Length]).ConfigureAwait(false);
            if (first is null && elapsed >= WarmUp)
            {
                first = Snapshot.Take(elapsed, sent, Interlocked.Read(ref handled));
                Console.WriteLine("start " + first);
            }
            if (elapsed >= nextReport && first is not null)
            {
                Console.WriteLine("      " + Snapshot.Take(elapsed, sent, Interlocked.Read(ref handled)));
                nextReport += ReportEvery;
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
        await publisher.PingAsync().ConfigureAwait(false);   // a round trip: the server has every publish
        var drainUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (Interlocked.Read(ref handled) < sent && Stopwatch.GetTimestamp() < drainUntil) await Task.Delay(10).ConfigureAwait(false);
        var last = Snapshot.Take(Stopwatch.GetElapsedTime(started), sent, Interlocked.Read(ref handled));
        Console.WriteLine("end   " + last);
        var health = client.Health();
        Console.WriteLine($"sent {sent:N0}, handled {last.Handled:N0}, malformed {health.EventsMalformed}, handler errors {health.HandlerErrors}; " +
                          $"working set {first?.WorkingSetMb:0.0} MB -> {last.WorkingSetMb:0.0} MB, managed heap {first?.HeapMb:0.0} MB -> {last.HeapMb:0.0} MB");
        return last.Handled == sent ? 0 : 1;
    }

    private sealed record Snapshot(TimeSpan At, long Sent, long Handled, double WorkingSetMb, double HeapMb, int Gen2)
    {
        public static Snapshot Take(TimeSpan at, long sent, long handled)
        {
            using var self = Process.GetCurrentProcess();
            return new Snapshot(at, sent, handled, self.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0, GC.CollectionCount(2));
        }

        public override string ToString() =>
            $"t={At.TotalSeconds,6:0.0}s sent={Sent,10:N0} handled={Handled,10:N0} working set={WorkingSetMb,7:0.0} MB heap={HeapMb,6:0.0} MB gen2={Gen2}";
    }
}

using System.Diagnostics;
using System.Globalization;
using Kryten.Sdk;
using NATS.Client.Core;

namespace Kryten.Benchmarks;

/// <summary>
/// End-to-end typed dispatch: bridge-shaped chatMsg envelopes through nats-server to (i) a raw NATS.Net byte
/// subscription, (ii) the hand-written NATS.Net + System.Text.Json consumer a user would write without the SDK, (ii-b)
/// the same routed on event_name, and (iii) a KrytenClient typed handler; plus command publish latency. Every consumer
/// connects once and stays connected (as a bot does); a round publishes <c>count</c> envelopes to each consumer in
/// turn, raw first, so every ratio is taken against the raw rate measured just before, on the same machine state. The
/// hand-written and SDK consumers swap places every round, so neither always runs later in the round than the other.
/// The publisher keeps at most <see cref="Window"/> messages in flight, so each consumer is measured at the rate it
/// sustains, without slow-consumer drops.
/// </summary>
internal sealed class DispatchBenchmark(string url, int count, int commandCount, int rounds, int warmupRounds)
{
    private const int Window = 4096;

    public async Task<int> RunAsync()
    {
        var envelopes = BridgeTraffic.ChatMessages(count);
        await using var publisher = new NatsConnection(new NatsOpts { Url = url, Name = "bench-bridge" });
        await publisher.ConnectAsync().ConfigureAwait(false);
        await using var raw = await RawBytesConsumer.StartAsync(url).ConfigureAwait(false);
        await using var hand = await HandWrittenConsumer.StartAsync(url).ConfigureAwait(false);
        await using var routed = await HandWrittenRoutingConsumer.StartAsync(url).ConfigureAwait(false);
        await using var sdk = await SdkConsumer.StartAsync(url).ConfigureAwait(false);
        DispatchConsumer[] consumers = [raw, hand, routed, sdk];
        foreach (var consumer in consumers) await WaitUntilSubscribedAsync(publisher, envelopes[0], consumer).ConfigureAwait(false);

        // Warm-up rounds: under the JIT the per-event methods spend their first few hundred thousand calls in
        // instrumented tier-0 code on a busy 2-core machine; NativeAOT fills its pools.
        for (var round = 0; round < warmupRounds; round++)
        {
            foreach (var consumer in consumers) await PublishAllAsync(publisher, envelopes, consumer).ConfigureAwait(false);
        }

        var perRound = new ResultTable("round", "raw (events/s)", "hand-written (ii)", "hand-written routed (ii-b)", "SDK typed (iii)",
            "SDK / (ii)", "SDK / raw", "CPU µs/event raw / (ii) / SDK", "machine busy raw / (ii) / SDK", "GC pause ms (ii) / SDK");
        var runs = new List<Round>();
        for (var round = 1; round <= rounds; round++)
        {
            var r = await PublishAllAsync(publisher, envelopes, raw).ConfigureAwait(false);
            Run h, s;
            if (round % 2 == 1)
            {
                h = await PublishAllAsync(publisher, envelopes, hand).ConfigureAwait(false);
                s = await PublishAllAsync(publisher, envelopes, sdk).ConfigureAwait(false);
            }
            else
            {
                s = await PublishAllAsync(publisher, envelopes, sdk).ConfigureAwait(false);
                h = await PublishAllAsync(publisher, envelopes, hand).ConfigureAwait(false);
            }
            var b = await PublishAllAsync(publisher, envelopes, routed).ConfigureAwait(false);
            var x = new Round(r, h, b, s);
            runs.Add(x);
            perRound.Add(round.ToString(CultureInfo.InvariantCulture), ResultTable.Rate(r.Rate), ResultTable.Rate(h.Rate), ResultTable.Rate(b.Rate),
                ResultTable.Rate(s.Rate), ResultTable.Ratio(s.Rate, h.Rate), ResultTable.Ratio(s.Rate, r.Rate),
                $"{Us(r.CpuMicros)} / {Us(h.CpuMicros)} / {Us(s.CpuMicros)}",
                $"{Pct(r.BusyPercent)} / {Pct(h.BusyPercent)} / {Pct(s.BusyPercent)}",
                $"{ResultTable.Number(h.GcPauseMs, "0")} / {ResultTable.Number(s.GcPauseMs, "0")}");
        }
        var problems = consumers.Where(c => c.Problems() is not null).Select(c => $"{c.Name}: {c.Problems()}").ToList();
        foreach (var problem in problems) Console.Error.WriteLine(problem);

        var (p50, p99) = await CommandLatencyAsync().ConfigureAwait(false);

        Console.WriteLine($"{count:N0} chatMsg envelopes of ~{envelopes[0].Length} B per consumer and round; {warmupRounds} warm-up rounds, " +
                          $"{rounds} measured; at most {Window:N0} in flight");
        Console.WriteLine();
        Console.WriteLine(perRound);
        Console.WriteLine(Summary(runs, p50, p99));
        return problems.Count == 0 ? 0 : 1;
    }

    private static ResultTable Summary(List<Round> runs, double p50, double p99)
    {
        var sdkOverHand = runs.Select(x => x.Sdk.Rate / x.Hand.Rate).ToArray();
        var table = new ResultTable("measurement", "median (middle half) of the paired rounds", "target", "met");
        table.Add("**SDK typed (iii) / hand-written (ii)**, per-round ratio", Stats.MedianAndMiddleHalf(sdkOverHand, X), "≥ 1.00x",
            Stats.Median(sdkOverHand) >= 1.0 ? "yes" : "no");
        table.Add("SDK typed (iii) / hand-written routed (ii-b), per-round ratio", Stats.MedianAndMiddleHalf(runs.Select(x => x.Sdk.Rate / x.Routed.Rate), X), "", "");
        foreach (var (name, pick) in Consumers)
        {
            table.Add($"{name}: events/s (best round {ResultTable.Rate(runs.Max(x => pick(x).Rate))})",
                Stats.MedianAndMiddleHalf(runs.Select(x => pick(x).Rate), ResultTable.Rate), "", "");
            table.Add($"{name}: / raw, per-round ratio", Stats.MedianAndMiddleHalf(runs.Select(x => pick(x).Rate / x.Raw.Rate), X), "", "");
            table.Add($"{name}: process CPU µs/event", Stats.MedianAndMiddleHalf(runs.Select(x => pick(x).CpuMicros), Us), "", "");
            table.Add($"{name}: bytes/event, process-wide (publisher included)", Stats.MedianAndMiddleHalf(runs.Select(x => pick(x).Bytes), v => ResultTable.Number(v, "0")), "", "");
        }
        table.Add("command publish p50 (µs, fire-and-forget Pause)", ResultTable.Number(p50), "", "");
        table.Add("command publish p99 (µs, fire-and-forget Pause)", ResultTable.Number(p99), "< 1000", p99 < 1000 ? "yes" : "no");
        return table;
    }

    private static readonly (string Name, Func<Round, Run> Pick)[] Consumers =
    [
        ("raw NATS.Net bytes (i)", x => x.Raw),
        ("hand-written STJ (ii)", x => x.Hand),
        ("hand-written STJ routed (ii-b)", x => x.Routed),
        ("SDK typed (iii)", x => x.Sdk),
    ];

    private static string X(double ratio) => ResultTable.Number(ratio, "0.00") + "x";

    private static string Us(double micros) => ResultTable.Number(micros, "0.00");

    private static string Pct(double percent) => ResultTable.Number(percent, "0") + " %";

    private readonly record struct Run(double Rate, double Bytes, double CpuMicros, double BusyPercent, double GcPauseMs);

    private readonly record struct Round(Run Raw, Run Hand, Run Routed, Run Sdk);

    // A core subscription is live once the server has processed its SUB; until then the server drops what is published
    // to it. Publishes one envelope at a time until the consumer has seen one (bounded).
    private static async Task WaitUntilSubscribedAsync(NatsConnection publisher, byte[] envelope, DispatchConsumer consumer)
    {
        for (var attempt = 0; attempt < 100 && consumer.Consumed == 0; attempt++)
        {
            await publisher.PublishAsync(consumer.Subject, envelope).ConfigureAwait(false);
            await Task.Delay(50).ConfigureAwait(false);
        }
        if (consumer.Consumed == 0) throw new InvalidOperationException($"{consumer.Name} received nothing on {consumer.Subject} within 5 s");
    }

    private static async Task<Run> PublishAllAsync(NatsConnection publisher, byte[][] envelopes, DispatchConsumer consumer)
    {
        var before = consumer.Consumed;
        long Consumed() => consumer.Consumed - before;
        var allocations = AllocationMeter.Start();
        var cpu = CpuMeter.Start();
        var paused = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + Stopwatch.Frequency * 120;
        for (var i = 0; i < envelopes.Length; i++)
        {
            // NATS.Net's writer sends as soon as data is queued, so waiting needs no flush first.
            while (i - Consumed() >= Window && Stopwatch.GetTimestamp() < deadline)
                await consumer.Progress.WaitAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            await publisher.PublishAsync(consumer.Subject, envelopes[i]).ConfigureAwait(false);
        }
        while (Consumed() < envelopes.Length && Stopwatch.GetTimestamp() < deadline)
            await consumer.Progress.WaitAsync(TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var done = Consumed();
        if (done < envelopes.Length) Console.Error.WriteLine($"{consumer.Name}: only {done:N0} of {envelopes.Length:N0} consumed within 120 s");
        // Progress releases left over from this run would let the next run's first wait pass early; drain them.
        while (consumer.Progress.CurrentCount > 0) await consumer.Progress.WaitAsync().ConfigureAwait(false);
        return new Run(done / seconds, allocations.PerItem(done), cpu.ProcessMicrosPerItem(done), cpu.MachineBusyPercent(),
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    // Fire-and-forget command publish: the await of PauseAsync, i.e. building the request and handing it to NATS.Net.
    private async Task<(double P50, double P99)> CommandLatencyAsync()
    {
        var options = new KrytenOptions
        {
            Nats = { Servers = [url], Name = "bench-commands" },
            Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = BridgeTraffic.Domain }],
        };
        await using var client = new KrytenClient(options);
        await client.ConnectAsync().ConfigureAwait(false);
        for (var i = 0; i < 2_000; i++) await client.PauseAsync().ConfigureAwait(false);
        var samples = new LatencySamples(commandCount);
        for (var i = 0; i < commandCount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.PauseAsync().ConfigureAwait(false);
            samples.Add(started, Stopwatch.GetTimestamp());
        }
        return (samples.Percentile(0.5), samples.Percentile(0.99));
    }
}

using System.Globalization;
using System.Diagnostics;
using Kryten.Nats;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Benchmarks;

/// <summary>
/// End-to-end typed dispatch: bridge-shaped chatMsg envelopes through nats-server into a KrytenClient typed handler,
/// next to a raw Kryten.Nats subscription receiving the same messages in the same run; plus command publish latency.
/// Every consumer connects once and stays connected (as a bot does); a round publishes <c>count</c> envelopes to each
/// consumer in turn, so a raw run and the typed run after it share the machine's state, and the target is judged on the
/// median of those paired ratios. The publisher keeps at most <see cref="Window"/> messages in flight, so each consumer
/// is measured at the rate it sustains, without slow-consumer drops and without more buffers in flight than the pools hold.
/// </summary>
internal sealed class DispatchBenchmark(string url, int count, int commandCount, int rounds, int warmupRounds)
{
    private const int Window = 4096;

    public async Task<int> RunAsync()
    {
        var envelopes = BridgeTraffic.ChatMessages(count);
        await using var publisher = new NatsConnection(new NatsOpts { Servers = [url], Name = "bench-bridge" });
        await publisher.ConnectAsync().ConfigureAwait(false);
        await using var raw = await RawSubscriptionConsumer.StartAsync(url, "raw", parse: false).ConfigureAwait(false);
        await using var typed = await SdkConsumer.StartAsync(url, BridgeTraffic.Channel, typed: true).ConfigureAwait(false);
        await using var rawEvent = await SdkConsumer.StartAsync(url, "BenchRawEvent", typed: false).ConfigureAwait(false);
        await using var parsed = await RawSubscriptionConsumer.StartAsync(url, "jsondocument", parse: true).ConfigureAwait(false);

        // Warm-up rounds: with dynamic PGO the per-event methods spend their first few hundred thousand calls in
        // instrumented tier-0 code on a busy 2-core machine.
        for (var round = 0; round < warmupRounds; round++)
        {
            foreach (var consumer in new DispatchConsumer[] { raw, typed, rawEvent, parsed })
                await PublishAllAsync(publisher, envelopes, consumer).ConfigureAwait(false);
        }

        var perRound = new ResultTable("round", "raw (events/s)", "SDK typed (events/s)", "SDK typed / raw", "SDK raw-event (events/s)",
            "raw + JsonDocument (events/s)",
            "CPU µs/event raw / SDK typed", "machine busy raw / SDK typed", "GC pause ms raw / SDK typed");
        var runs = new List<(Run Raw, Run Typed, Run RawEvent, Run Parsed)>();
        for (var round = 1; round <= rounds; round++)
        {
            var r = await PublishAllAsync(publisher, envelopes, raw).ConfigureAwait(false);
            var t = await PublishAllAsync(publisher, envelopes, typed).ConfigureAwait(false);
            var e = await PublishAllAsync(publisher, envelopes, rawEvent).ConfigureAwait(false);
            var p = await PublishAllAsync(publisher, envelopes, parsed).ConfigureAwait(false);
            runs.Add((r, t, e, p));
            perRound.Add(round.ToString(CultureInfo.InvariantCulture), ResultTable.Rate(r.Rate), ResultTable.Rate(t.Rate),
                ResultTable.Ratio(t.Rate, r.Rate), ResultTable.Rate(e.Rate), ResultTable.Rate(p.Rate),
                $"{ResultTable.Number(r.CpuMicros, "0.00")} / {ResultTable.Number(t.CpuMicros, "0.00")}",
                $"{ResultTable.Number(r.BusyPercent, "0")} % / {ResultTable.Number(t.BusyPercent, "0")} %",
                $"{ResultTable.Number(r.GcPauseMs, "0")} / {ResultTable.Number(t.GcPauseMs, "0")}");
        }
        foreach (var sdk in new[] { typed, rawEvent })
        {
            if (sdk.Problems() is { } problems) Console.Error.WriteLine($"SDK consumer: {problems}");
        }

        var (p50, p99) = await CommandLatencyAsync().ConfigureAwait(false);
        var sample = envelopes[..Math.Min(envelopes.Length, 100_000)];   // the same envelopes for both: records vary in size
        var (pipelineNs, pipelineBytes) = await new PipelineBenchmark(sample.Length, 10, ["typed"]).MeasureAsync(sample, "typed").ConfigureAwait(false);
        var recordBytes = RecordBytesPerEvent(sample);
        var idBytes = CorrelationIdBytes(envelopes[0]);
        var beyond = pipelineBytes - recordBytes;

        var ratios = runs.Select(x => x.Typed.Rate / x.Raw.Rate).ToArray();
        var ratio = Median(ratios);
        var table = new ResultTable("measurement", "value", "target", "met");
        table.Add($"SDK typed / raw, median of the {rounds} paired rounds", ResultTable.Number(ratio, "0.00") + "x", "≥ 0.85x", ratio >= 0.85 ? "yes" : "no");
        table.Add("SDK typed / raw, middle half of the paired rounds", $"{ResultTable.Number(Quantile(ratios, 0.25), "0.00")}x – {ResultTable.Number(Quantile(ratios, 0.75), "0.00")}x", "", "");
        table.Add("raw Kryten.Nats subscription (events/s, median / best round)", Rates(runs.Select(x => x.Raw)), "", "");
        table.Add("SDK typed dispatch (events/s, median / best round)", Rates(runs.Select(x => x.Typed)), "", "");
        table.Add("SDK raw-event handler, no typed record (events/s, median / best round)", Rates(runs.Select(x => x.RawEvent)), "", "");
        table.Add("raw subscription + JsonDocument for the same fields (events/s, median / best round)", Rates(runs.Select(x => x.Parsed)), "", "");
        table.Add("SDK typed / raw + JsonDocument, median of the paired rounds", ResultTable.Number(Median(runs.Select(x => x.Typed.Rate / x.Parsed.Rate).ToArray()), "0.00") + "x", "", "");
        table.Add("SDK per-event cost without NATS, typed handler (ns, one thread)", ResultTable.Number(pipelineNs), "", "");
        table.Add("bytes of the ChatMessage record itself", ResultTable.Number(recordBytes), "", "");
        table.Add("SDK bytes per event beyond the record (one thread, exact)", ResultTable.Number(beyond), "≤ 1 allocation",
            beyond < 0.5 ? "yes: none" : beyond <= idBytes + 0.5 ? $"yes: at most one string ({idBytes} B is a correlation id)" : "no");
        table.Add("bytes per event, process-wide: raw / SDK typed (median round)",
            $"{ResultTable.Number(Median(runs.Select(x => x.Raw.Bytes).ToArray()))} / {ResultTable.Number(Median(runs.Select(x => x.Typed.Bytes).ToArray()))}", "", "");
        table.Add("command publish p50 (µs, fire-and-forget Pause)", ResultTable.Number(p50), "", "");
        table.Add("command publish p99 (µs, fire-and-forget Pause)", ResultTable.Number(p99), "< 1000", p99 < 1000 ? "yes" : "no");
        Console.WriteLine($"{count:N0} chatMsg envelopes of ~{envelopes[0].Length} B per consumer and round; {warmupRounds} warm-up rounds; at most {Window:N0} in flight");
        Console.WriteLine();
        Console.WriteLine(perRound);
        Console.WriteLine(table);
        return 0;
    }

    private static string Rates(IEnumerable<Run> runs)
    {
        var rates = runs.Select(r => r.Rate).ToArray();
        return $"{ResultTable.Rate(Median(rates))} / {ResultTable.Rate(rates.Max())}";
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var at = q * (sorted.Length - 1);
        var below = (int)Math.Floor(at);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
    }

    private readonly record struct Run(double Rate, double Bytes, double CpuMicros, double BusyPercent, double GcPauseMs);

    // The one string the SDK allocates per event besides the record: the envelope's correlation id.
    private static long CorrelationIdBytes(byte[] envelope)
    {
        var id = envelope.AsSpan(envelope.Length - 38, 36);
        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = System.Text.Encoding.ASCII.GetString(id);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // What reading one payload into its record allocates, the way the SDK reads it (matched byte for byte when the
    // payload is in the bridge's layout, else parsed): the part of the SDK's cost the event record itself is.
    // Counted on this thread only, so it is exact.
    private static double RecordBytesPerEvent(byte[][] envelopes)
    {
        var starts = envelopes.Select(e => e.AsSpan().IndexOf("\"payload\": "u8) + "\"payload\": ".Length).ToArray();
        ReadAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadAll();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)envelopes.Length;

        void ReadAll()
        {
            for (var i = 0; i < envelopes.Length; i++)
            {
                var at = starts[i];
                if (!KrytenEventRegistry.TryReadCanonical("chatMsg", envelopes[i], ref at, 63, out _))
                    throw new InvalidOperationException("a benchmark envelope is not in the bridge's layout");
            }
        }
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
            if (i - Consumed() >= Window)
            {
                await publisher.FlushAsync().ConfigureAwait(false);
                while (i - Consumed() >= Window / 2 && Stopwatch.GetTimestamp() < deadline)
                    await consumer.Progress.WaitAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            }
            await publisher.PublishAsync(consumer.Subject, envelopes[i]).ConfigureAwait(false);
        }
        await publisher.FlushAsync().ConfigureAwait(false);
        while (Consumed() < envelopes.Length && Stopwatch.GetTimestamp() < deadline) await Task.Delay(1).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var done = Consumed();
        if (done < envelopes.Length) Console.Error.WriteLine($"{consumer.Subject}: only {done:N0} of {envelopes.Length:N0} consumed within 120 s");
        // Progress releases left over from the last window would let the next run's first wait pass early; drain them.
        while (consumer.Progress.CurrentCount > 0) await consumer.Progress.WaitAsync().ConfigureAwait(false);
        return new Run(done / seconds, allocations.PerItem(done), cpu.ProcessMicrosPerItem(done), cpu.MachineBusyPercent(),
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    // Fire-and-forget command publish: the await of PauseAsync, i.e. building the request and handing it to the socket.
    private async Task<(double P50, double P99)> CommandLatencyAsync()
    {
        var options = new KrytenOptions
        {
            Nats = { Servers = [url], Name = "bench-commands" },
            Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = "cytu.be" }],
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

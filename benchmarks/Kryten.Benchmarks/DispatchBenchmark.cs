using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Kryten.Nats;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Benchmarks;

/// <summary>
/// End-to-end typed dispatch: bridge-shaped chatMsg envelopes through nats-server into a KrytenClient typed handler,
/// next to a raw Kryten.Nats subscription receiving the same messages in the same run; plus command publish latency.
/// The publisher keeps at most <see cref="Window"/> messages in flight, so both consumers are measured at the rate they
/// can sustain, without slow-consumer drops and without more buffers in flight than the pools hold.
/// </summary>
internal sealed class DispatchBenchmark(string url, int count, int commandCount, int rounds)
{
    private const int Window = 4096;

    // The consumer wakes the waiting publisher every SignalEvery messages; cheaper than polling, and exact.
    private const int SignalEvery = 256;

    public async Task<int> RunAsync()
    {
        var envelopes = BridgeTraffic.ChatMessages(count);
        await using var publisher = new NatsConnection(new NatsOpts { Servers = [url], Name = "bench-bridge" });
        await publisher.ConnectAsync().ConfigureAwait(false);

        // Warm-ups as long as the measured runs: with dynamic PGO the per-event methods spend their first few hundred
        // thousand calls in instrumented tier-0 code on a busy 2-core machine (50k events was not enough).
        await RawAsync(publisher, envelopes).ConfigureAwait(false);
        await RawAsync(publisher, envelopes, parse: true).ConfigureAwait(false);
        await SdkAsync(publisher, envelopes, typed: true).ConfigureAwait(false);
        await SdkAsync(publisher, envelopes, typed: false).ConfigureAwait(false);

        // Rounds alternate the three consumers, so drift in the machine's load hits all of them alike; each reports
        // its best round (the least disturbed one), and every round is printed.
        var perRound = new ResultTable("round", "raw (events/s)", "SDK typed (events/s)", "SDK typed / raw", "SDK raw-event (events/s)",
            "raw + JsonDocument (events/s)",
            "CPU µs/event raw / SDK typed", "machine busy raw / SDK typed", "GC pause ms raw / SDK typed");
        Run best = default, bestTyped = default, bestRawEvent = default, bestParsed = default;
        for (var round = 1; round <= rounds; round++)
        {
            var raw = await RawAsync(publisher, envelopes).ConfigureAwait(false);
            var typed = await SdkAsync(publisher, envelopes, typed: true).ConfigureAwait(false);
            var rawEvent = await SdkAsync(publisher, envelopes, typed: false).ConfigureAwait(false);
            var parsed = await RawAsync(publisher, envelopes, parse: true).ConfigureAwait(false);
            perRound.Add(round.ToString(CultureInfo.InvariantCulture), ResultTable.Rate(raw.Rate), ResultTable.Rate(typed.Rate),
                ResultTable.Ratio(typed.Rate, raw.Rate), ResultTable.Rate(rawEvent.Rate), ResultTable.Rate(parsed.Rate),
                $"{ResultTable.Number(raw.CpuMicros, "0.00")} / {ResultTable.Number(typed.CpuMicros, "0.00")}",
                $"{ResultTable.Number(raw.BusyPercent, "0")} % / {ResultTable.Number(typed.BusyPercent, "0")} %",
                $"{ResultTable.Number(raw.GcPauseMs, "0")} / {ResultTable.Number(typed.GcPauseMs, "0")}");
            if (raw.Rate > best.Rate) best = raw;
            if (typed.Rate > bestTyped.Rate) bestTyped = typed;
            if (rawEvent.Rate > bestRawEvent.Rate) bestRawEvent = rawEvent;
            if (parsed.Rate > bestParsed.Rate) bestParsed = parsed;
        }
        var (p50, p99) = await CommandLatencyAsync().ConfigureAwait(false);
        var sample = envelopes[..Math.Min(envelopes.Length, 100_000)];   // the same envelopes for both: records vary in size
        var (pipelineNs, pipelineBytes) = await new PipelineBenchmark(sample.Length, 10, ["typed"]).MeasureAsync(sample, "typed").ConfigureAwait(false);
        var recordBytes = RecordBytesPerEvent(sample);
        var idBytes = CorrelationIdBytes(envelopes[0]);
        var beyond = pipelineBytes - recordBytes;

        var table = new ResultTable("measurement", "value", "target", "met");
        table.Add($"raw Kryten.Nats subscription (events/s, best of {rounds})", ResultTable.Rate(best.Rate), "", "");
        table.Add($"SDK typed dispatch (events/s, best of {rounds})", ResultTable.Rate(bestTyped.Rate), "", "");
        table.Add("SDK / raw throughput", ResultTable.Ratio(bestTyped.Rate, best.Rate), "≥ 0.85x", bestTyped.Rate >= 0.85 * best.Rate ? "yes" : "no");
        table.Add($"SDK raw-event handler, no typed record (events/s, best of {rounds})", ResultTable.Rate(bestRawEvent.Rate), "", "");
        table.Add($"raw subscription + JsonDocument for the same fields (events/s, best of {rounds})", ResultTable.Rate(bestParsed.Rate), "", "");
        table.Add("SDK typed / raw + JsonDocument", ResultTable.Ratio(bestTyped.Rate, bestParsed.Rate), "", "");
        table.Add("SDK per-event cost without NATS, typed handler (ns, one thread)", ResultTable.Number(pipelineNs), "", "");
        table.Add("bytes of the ChatMessage record itself", ResultTable.Number(recordBytes), "", "");
        table.Add("SDK bytes per event beyond the record (one thread, exact)", ResultTable.Number(beyond), "≤ 1 allocation",
            beyond < 0.5 ? "yes: none" : beyond <= idBytes + 0.5 ? $"yes: at most one string ({idBytes} B is a correlation id)" : "no");
        table.Add("bytes per event, process-wide: raw / SDK typed", $"{ResultTable.Number(best.Bytes)} / {ResultTable.Number(bestTyped.Bytes)}", "", "");
        table.Add("command publish p50 (µs, fire-and-forget Pause)", ResultTable.Number(p50), "", "");
        table.Add("command publish p99 (µs, fire-and-forget Pause)", ResultTable.Number(p99), "< 1000", p99 < 1000 ? "yes" : "no");
        Console.WriteLine($"{count:N0} chatMsg envelopes of ~{envelopes[0].Length} B per run; at most {Window:N0} in flight");
        Console.WriteLine();
        Console.WriteLine(perRound);
        Console.WriteLine(table);
        return 0;
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

    // parse: also what a hand-written consumer without the SDK does to get at the fields (for context, not the target).
    private async Task<Run> RawAsync(NatsConnection publisher, byte[][] envelopes, bool parse = false)
    {
        await using var consumer = new NatsConnection(new NatsOpts { Servers = [url], Name = "bench-raw" });
        await consumer.ConnectAsync().ConfigureAwait(false);
        await using var subscription = await consumer.SubscribeAsync("kryten.events.cytube.bench.>").ConfigureAwait(false);
        long received = 0;
        using var progress = new SemaphoreSlim(0);
        var reading = Task.Run(async () =>
        {
            var reader = subscription.Messages;
            while (Interlocked.Read(ref received) < envelopes.Length && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var msg))
                {
                    if (parse) ReadFields(msg.Data);
                    msg.Dispose();
                    if (Interlocked.Increment(ref received) % SignalEvery == 0) progress.Release();
                }
            }
        });
        var result = await PublishAllAsync(publisher, envelopes, () => Interlocked.Read(ref received), progress).ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        return result;
    }

    private static void ReadFields(ReadOnlyMemory<byte> envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        var root = doc.RootElement;
        var payload = root.GetProperty("payload");
        GC.KeepAlive((root.GetProperty("event_name").GetString(), root.GetProperty("channel").GetString(),
            root.GetProperty("correlation_id").GetString(), payload.GetProperty("username").GetString(), payload.GetProperty("msg").GetString()));
    }

    // typed: an On<ChatMessage> handler (envelope + payload parsed into the record); otherwise an OnRaw handler for
    // the same events, which isolates the cost of the typed record from the rest of the dispatch path.
    private async Task<Run> SdkAsync(NatsConnection publisher, byte[][] envelopes, bool typed)
    {
        var options = new KrytenOptions
        {
            Nats = { Servers = [url], Name = "bench-sdk" },
            Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = "cytu.be" }],
        };
        await using var client = new KrytenClient(options);
        long handled = 0;
        using var progress = new SemaphoreSlim(0);
        using var handler = typed
            ? client.On<ChatMessage>((_, _, _) => Count())
            : client.OnRaw((_, _, _) => Count(), eventName: "chatMsg");
        await client.ConnectAsync().ConfigureAwait(false);
        var result = await PublishAllAsync(publisher, envelopes, () => Interlocked.Read(ref handled), progress).ConfigureAwait(false);
        var health = client.Health();
        if (health.EventsMalformed > 0 || health.HandlerErrors > 0) Console.Error.WriteLine($"SDK run: {health}");
        return result;

        ValueTask Count()
        {
            if (Interlocked.Increment(ref handled) % SignalEvery == 0) progress.Release();
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<Run> PublishAllAsync(
        NatsConnection publisher, byte[][] envelopes, Func<long> consumed, SemaphoreSlim progress)
    {
        var allocations = AllocationMeter.Start();
        var cpu = CpuMeter.Start();
        var paused = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + Stopwatch.Frequency * 120;
        for (var i = 0; i < envelopes.Length; i++)
        {
            if (i - consumed() >= Window)
            {
                await publisher.FlushAsync().ConfigureAwait(false);
                while (i - consumed() >= Window / 2 && Stopwatch.GetTimestamp() < deadline)
                    await progress.WaitAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            }
            await publisher.PublishAsync(BridgeTraffic.Subject, envelopes[i]).ConfigureAwait(false);
        }
        await publisher.FlushAsync().ConfigureAwait(false);
        while (consumed() < envelopes.Length && Stopwatch.GetTimestamp() < deadline) await Task.Delay(1).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var done = consumed();
        if (done < envelopes.Length) Console.Error.WriteLine($"only {done:N0} of {envelopes.Length:N0} consumed within 120 s");
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

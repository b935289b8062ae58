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
internal sealed class DispatchBenchmark(string url, int count, int commandCount)
{
    private const int Window = 4096;

    // The consumer wakes the waiting publisher every SignalEvery messages; cheaper than polling, and exact.
    private const int SignalEvery = 256;

    public async Task<int> RunAsync()
    {
        var envelopes = BridgeTraffic.ChatMessages(count);
        await using var publisher = new NatsConnection(new NatsOpts { Servers = [url], Name = "bench-bridge" });
        await publisher.ConnectAsync().ConfigureAwait(false);

        var recordBytes = RecordBytesPerEvent(envelopes);
        // Warm-ups as long as the measured runs: with dynamic PGO the SDK's per-event methods spend their first few
        // hundred thousand calls in instrumented tier-0 code on a busy 2-core machine (50k events was not enough).
        await RawAsync(publisher, envelopes).ConfigureAwait(false); // warm-up
        var raw = await RawAsync(publisher, envelopes).ConfigureAwait(false);
        await SdkAsync(publisher, envelopes, typed: true).ConfigureAwait(false); // warm-up
        await SdkAsync(publisher, envelopes, typed: false).ConfigureAwait(false); // warm-up
        var sdk = await SdkAsync(publisher, envelopes, typed: true).ConfigureAwait(false);
        var sdkRaw = await SdkAsync(publisher, envelopes, typed: false).ConfigureAwait(false);
        var raw2 = await RawAsync(publisher, envelopes).ConfigureAwait(false);
        var (p50, p99) = await CommandLatencyAsync().ConfigureAwait(false);

        var rawRate = Math.Max(raw.Rate, raw2.Rate);
        var table = new ResultTable("measurement", "value", "target", "met");
        table.Add("raw Kryten.Nats subscription (events/s, best of 2)", ResultTable.Rate(rawRate), "", "");
        table.Add("SDK typed dispatch (events/s)", ResultTable.Rate(sdk.Rate), "", "");
        table.Add("SDK / raw throughput", ResultTable.Ratio(sdk.Rate, rawRate), "≥ 0.85x", sdk.Rate >= 0.85 * rawRate ? "yes" : "no");
        table.Add("SDK raw-event handler, no typed record (events/s)", ResultTable.Rate(sdkRaw.Rate), "", "");
        table.Add("bytes allocated per event, raw (process-wide)", ResultTable.Number(Math.Min(raw.BytesPerEvent, raw2.BytesPerEvent)), "", "");
        table.Add("bytes allocated per event, SDK (process-wide)", ResultTable.Number(sdk.BytesPerEvent), "", "");
        table.Add("bytes allocated per event, SDK raw-event handler", ResultTable.Number(sdkRaw.BytesPerEvent), "", "");
        table.Add("bytes of the ChatMessage record itself (parse only)", ResultTable.Number(recordBytes), "", "");
        var beyond = sdk.BytesPerEvent - Math.Min(raw.BytesPerEvent, raw2.BytesPerEvent) - recordBytes;
        table.Add("SDK bytes per event beyond the record", ResultTable.Number(beyond), "≤ 1 allocation", "see note");
        table.Add("command publish p50 (µs, fire-and-forget Pause)", ResultTable.Number(p50), "", "");
        table.Add("command publish p99 (µs, fire-and-forget Pause)", ResultTable.Number(p99), "< 1000", p99 < 1000 ? "yes" : "no");
        Console.WriteLine($"{count:N0} chatMsg envelopes of ~{envelopes[0].Length} B; at most {Window:N0} in flight");
        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    // What parsing one payload into its record allocates: the part of the SDK's cost the event record itself is.
    private static double RecordBytesPerEvent(byte[][] envelopes)
    {
        var payloads = envelopes.Take(10_000).Select(e =>
        {
            using var doc = JsonDocument.Parse(e);
            return JsonSerializer.SerializeToUtf8Bytes(doc.RootElement.GetProperty("payload"));
        }).ToArray();
        foreach (var p in payloads) KrytenEventRegistry.TryParse("chatMsg", p, out _);
        var allocations = AllocationMeter.Start();
        foreach (var p in payloads) KrytenEventRegistry.TryParse("chatMsg", p, out _);
        return allocations.PerItem(payloads.Length);
    }

    private async Task<(double Rate, double BytesPerEvent)> RawAsync(NatsConnection publisher, byte[][] envelopes)
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
                    msg.Dispose();
                    if (Interlocked.Increment(ref received) % SignalEvery == 0) progress.Release();
                }
            }
        });
        var result = await PublishAllAsync(publisher, envelopes, () => Interlocked.Read(ref received), progress).ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        return result;
    }

    // typed: an On<ChatMessage> handler (envelope + payload parsed into the record); otherwise an OnRaw handler for
    // the same events, which isolates the cost of the typed record from the rest of the dispatch path.
    private async Task<(double Rate, double BytesPerEvent)> SdkAsync(NatsConnection publisher, byte[][] envelopes, bool typed)
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

    private static async Task<(double Rate, double BytesPerEvent)> PublishAllAsync(
        NatsConnection publisher, byte[][] envelopes, Func<long> consumed, SemaphoreSlim progress)
    {
        var allocations = AllocationMeter.Start();
        var cpu = CpuMeter.Start();
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
        Console.Error.WriteLine($"  {done / seconds,12:N0} events/s; process CPU {cpu.ProcessMicrosPerItem(done):0.00} µs/event; machine busy {cpu.MachineBusyPercent():0} %");
        return (done / seconds, allocations.PerItem(done));
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

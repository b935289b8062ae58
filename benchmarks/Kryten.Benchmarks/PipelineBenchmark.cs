using System.Diagnostics;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using Kryten.Sdk.Transport;

namespace Kryten.Benchmarks;

/// <summary>
/// The SDK's own per-event cost without NATS: bridge-shaped chatMsg envelopes handed straight to the client's
/// subscription handler on one thread, so the time and bytes measured are the SDK's alone (envelope, record, handler
/// invocation). Issue 11's budget: a typed event ≤ 1 µs under the JIT and ≤ 1.5 µs under NativeAOT, allocating the
/// record and its strings and nothing beyond. The budget is judged on the process's CPU time per event (the loop's one
/// thread does all the work): on a shared 2-core machine the wall time also counts the time other processes held the
/// core, which is not the SDK's cost; the wall time is printed beside it.
/// </summary>
internal sealed class PipelineBenchmark(int count, int rounds, IReadOnlyList<string> kinds)
{
    public async Task<int> RunAsync()
    {
        var envelopes = BridgeTraffic.ChatMessages(count);
        var recordBytes = RecordBytesPerEvent(envelopes);
        var budget = IsJit() ? 1000 : 1500;
        var table = new ResultTable("handler", "CPU ns/event, median of rounds (best)", "wall ns/event, median (best)", "bytes/event",
            "bytes/event beyond the record", "budget", "met");
        var met = true;
        foreach (var kind in kinds)
        {
            var result = await MeasureAsync(envelopes, kind).ConfigureAwait(false);
            var beyond = kind == "typed" ? result.Bytes - recordBytes : double.NaN;
            var ok = result.CpuNs <= budget && beyond < 0.5;
            if (kind == "typed") met &= ok;
            table.Add(kind, $"{ResultTable.Number(result.CpuNs)} ({ResultTable.Number(result.BestCpuNs)})",
                $"{ResultTable.Number(result.WallNs)} ({ResultTable.Number(result.BestWallNs)})", ResultTable.Number(result.Bytes),
                ResultTable.Number(beyond), kind == "typed" ? $"≤ {budget} ns, 0 B beyond the record" : "", kind == "typed" ? (ok ? "yes" : "no") : "");
        }
        Console.WriteLine($"{count:N0} chatMsg envelopes of ~{envelopes[0].Length} B per round; {rounds} rounds; one thread; " +
                          $"{(IsJit() ? "JIT" : "NativeAOT")}; the record and its strings are {ResultTable.Number(recordBytes)} B/event");
        Console.WriteLine();
        Console.WriteLine(table);
        return met ? 0 : 1;
    }

    // True under the JIT; false in a NativeAOT build, whose budget is higher.
    private static bool IsJit() => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled;

    /// <summary>Median and best ns/event over the rounds, and the bytes/event of the median round, for one handler kind (none, typed, raw).</summary>
    private async Task<PipelineResult> MeasureAsync(byte[][] envelopes, string kind)
    {
        var transport = new DirectTransport();
        var options = new KrytenOptions { Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = BridgeTraffic.Domain }] };
        await using var client = new KrytenClient(options, transport);
        long handled = 0;
        using var registration = kind switch
        {
            "typed" => client.On<ChatMessage>((_, _, _) => Count()),
            "raw" => client.OnRaw((_, _, _) => Count(), eventName: ChatMessage.CytubeEventName),
            _ => null,
        };
        await client.ConnectAsync().ConfigureAwait(false);
        var handler = transport.Handler!;
        var subject = BridgeTraffic.Subject;
        var results = new (double CpuNs, double WallNs, double Bytes)[rounds];
        for (var round = 0; round < rounds; round++)
        {
            // This thread's count is exact: with handlers that complete at once, the whole loop runs on this thread.
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = CpuMeter.Start();
            var started = Stopwatch.GetTimestamp();
            foreach (var envelope in envelopes)
            {
                var pending = handler(new KrytenMessage(subject, null, envelope), CancellationToken.None);
                if (!pending.IsCompletedSuccessfully) await pending.ConfigureAwait(false);
            }
            results[round] = (cpu.ProcessMicrosPerItem(envelopes.Length) * 1000, Stopwatch.GetElapsedTime(started).TotalNanoseconds / envelopes.Length,
                (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)envelopes.Length);
        }
        if (kind != "none" && Interlocked.Read(ref handled) != (long)rounds * envelopes.Length)
            Console.Error.WriteLine($"{kind}: handled {handled:N0} of {(long)rounds * envelopes.Length:N0}");
        return new PipelineResult(Stats.Median(results.Select(r => r.CpuNs)), results.Min(r => r.CpuNs),
            Stats.Median(results.Select(r => r.WallNs)), results.Min(r => r.WallNs), Stats.Median(results.Select(r => r.Bytes)));

        Task Count()
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// What reading one payload into its record allocates, read the way the SDK reads it (the generated reader): the
    /// record and its strings, the part of the SDK's allocations the event itself is. Counted on this thread only, so exact.
    /// </summary>
    private static double RecordBytesPerEvent(byte[][] envelopes)
    {
        var payloads = envelopes.Select(BridgeTraffic.PayloadOf).ToArray();
        var chat = KrytenEventInfo.Of<ChatMessage>();
        ReadAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadAll();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)envelopes.Length;

        void ReadAll()
        {
            for (var i = 0; i < envelopes.Length; i++) chat.ReadPayload(envelopes[i].AsSpan(payloads[i].Start, payloads[i].Length));
        }
    }

    /// <summary>A transport whose only subscriber is called directly by the benchmark loop (the chat-commands benchmark uses it too).</summary>
    internal sealed class DirectTransport : IKrytenTransport
    {
        public KrytenMessageHandler? Handler { get; private set; }

        public KrytenConnectionState State { get; private set; } = KrytenConnectionState.Disconnected;

        public event EventHandler<KrytenConnectionState>? StateChanged;

        // Nothing is queued here, so nothing is ever dropped.
        public event EventHandler<string>? MessageDropped
        {
            add { }
            remove { }
        }

        public ValueTask ConnectAsync(CancellationToken cancellationToken)
        {
            State = KrytenConnectionState.Connected;
            StateChanged?.Invoke(this, State);
            return default;
        }

        public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => default;

        public ValueTask<byte[]> RequestAsync(string subject, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the pipeline benchmark sends no requests");

        public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, KrytenMessageHandler handler, CancellationToken cancellationToken)
        {
            Handler = handler;
            return new ValueTask<IAsyncDisposable>(new Unsubscriber());
        }

        public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, string queueGroup, KrytenMessageHandler handler, CancellationToken cancellationToken) =>
            SubscribeAsync(subject, handler, cancellationToken);

        public ValueTask DrainAsync(CancellationToken cancellationToken) => default;

        public ValueTask DisposeAsync()
        {
            State = KrytenConnectionState.Closed;
            return default;
        }

        private sealed class Unsubscriber : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => default;
        }
    }
}

/// <summary>One handler kind's pipeline cost: CPU and wall ns/event (median and best round) and the median round's bytes/event.</summary>
internal readonly record struct PipelineResult(double CpuNs, double BestCpuNs, double WallNs, double BestWallNs, double Bytes);

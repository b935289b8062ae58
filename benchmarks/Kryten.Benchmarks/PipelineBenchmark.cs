using System.Diagnostics;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using Kryten.Sdk.Transport;

namespace Kryten.Benchmarks;

/// <summary>
/// The SDK's own per-event cost without NATS: bridge-shaped chatMsg envelopes handed straight to the client's
/// subscription handler on one thread, so the time and bytes measured are the SDK's alone (envelope, record, dispatch).
/// This is the part of the end-to-end gap between raw subscription and SDK dispatch that the SDK can do something about.
/// </summary>
internal sealed class PipelineBenchmark(int count, int rounds, IReadOnlyList<string> kinds)
{
    public async Task<int> RunAsync()
    {
        var envelopes = BridgeTraffic.ChatMessages(count);
        var table = new ResultTable("handler", "ns/event (best of rounds)", "bytes/event");
        foreach (var kind in kinds)
        {
            var (ns, bytes) = await MeasureAsync(envelopes, kind).ConfigureAwait(false);
            table.Add(kind, ResultTable.Number(ns), ResultTable.Number(bytes));
        }
        Console.WriteLine($"{count:N0} chatMsg envelopes of ~{envelopes[0].Length} B per round; {rounds} rounds; one thread");
        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    /// <summary>Best-of-rounds ns/event and the bytes/event of that round, for one handler kind (none, typed, raw).</summary>
    public async Task<(double Ns, double Bytes)> MeasureAsync(byte[][] envelopes, string kind)
    {
        var transport = new DirectTransport();
        var options = new KrytenOptions { Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = "cytu.be" }] };
        await using var client = new KrytenClient(options, transport);
        long handled = 0;
        using var registration = kind switch
        {
            "typed" => client.On<ChatMessage>((_, _, _) => Count()),
            "raw" => client.OnRaw((_, _, _) => Count(), eventName: "chatMsg"),
            _ => null,
        };
        await client.ConnectAsync().ConfigureAwait(false);
        var handler = transport.Handler!;
        var best = double.MaxValue;
        var bytes = double.NaN;
        for (var round = 0; round < rounds; round++)
        {
            // This thread's count is exact: with handlers that complete at once, the whole loop runs on this thread.
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            foreach (var envelope in envelopes)
            {
                var pending = handler(new KrytenMessage(BridgeTraffic.Subject, null, envelope), CancellationToken.None);
                if (!pending.IsCompletedSuccessfully) await pending.ConfigureAwait(false);
            }
            var ns = Stopwatch.GetElapsedTime(started).TotalNanoseconds / envelopes.Length;
            if (ns < best)
            {
                best = ns;
                bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)envelopes.Length;
            }
        }
        if (kind != "none" && Interlocked.Read(ref handled) != (long)rounds * envelopes.Length)
            Console.Error.WriteLine($"{kind}: handled {handled:N0} of {(long)rounds * envelopes.Length:N0}");
        return (best, bytes);

        ValueTask Count()
        {
            Interlocked.Increment(ref handled);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A transport whose only subscriber is called directly by the benchmark loop.</summary>
    private sealed class DirectTransport : IKrytenTransport
    {
        public KrytenMessageHandler? Handler { get; private set; }

        public KrytenConnectionState State { get; private set; } = KrytenConnectionState.Disconnected;

        public event EventHandler<KrytenConnectionState>? StateChanged;

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

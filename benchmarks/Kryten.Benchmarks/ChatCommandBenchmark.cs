using System.Diagnostics;
using Kryten.Sdk;
using Kryten.Sdk.ChatCommands;
using Kryten.Sdk.Transport;

namespace Kryten.Benchmarks;

/// <summary>
/// What routing one chat line through a generated chat command set costs, in the style of <see cref="PipelineBenchmark"/>:
/// bridge-shaped chatMsg envelopes handed straight to the client's subscription handler on one thread, the router
/// registered with <see cref="KrytenClient.AddChatCommands"/>. "no match" is ordinary chat (read, found not to be a
/// command); "match, 2 args" is <c>!add 2 3</c> reaching a command that takes two ints. Both include the envelope and
/// the record (the pipeline's typed cost). The command does no I/O, so the time is the router's.
/// </summary>
internal sealed class ChatCommandBenchmark(int count, int rounds)
{
    public async Task<int> RunAsync()
    {
        var lines = new (string Kind, byte[][] Envelopes)[]
        {
            ("no match", BridgeTraffic.ChatMessages(count)),
            ("match, 2 args", BridgeTraffic.ChatMessages(count, i => $"!add {i % 100} 3")),
        };
        var table = new ResultTable("chat line", "CPU ns/line, median of rounds (best)", "wall ns/line, median (best)", "bytes/line");
        foreach (var (kind, envelopes) in lines)
        {
            var result = await MeasureAsync(envelopes, kind == "no match" ? 0 : envelopes.Length).ConfigureAwait(false);
            table.Add(kind, $"{ResultTable.Number(result.CpuNs)} ({ResultTable.Number(result.BestCpuNs)})",
                $"{ResultTable.Number(result.WallNs)} ({ResultTable.Number(result.BestWallNs)})", ResultTable.Number(result.Bytes));
        }
        Console.WriteLine($"{count:N0} chatMsg envelopes per round; {rounds} rounds; one thread; " +
                          $"{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? "JIT" : "NativeAOT")}");
        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    private async Task<PipelineResult> MeasureAsync(byte[][] envelopes, int expectedPerRound)
    {
        var transport = new PipelineBenchmark.DirectTransport();
        var options = new KrytenOptions
        {
            Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = BridgeTraffic.Domain }],
            State = { Enabled = false },   // no sender rank is needed; the own-message check finds no state and moves on
        };
        await using var client = new KrytenClient(options, transport);
        var commands = new BenchCommands();
        using var registration = client.AddChatCommands(commands);
        await client.ConnectAsync().ConfigureAwait(false);
        var handler = transport.Handler!;
        var subject = BridgeTraffic.Subject;
        var results = new (double CpuNs, double WallNs, double Bytes)[rounds];
        for (var round = 0; round < rounds; round++)
        {
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
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (commands.Calls != (long)rounds * expectedPerRound) Console.Error.WriteLine($"ran {commands.Calls:N0} commands of {(long)rounds * expectedPerRound:N0}");
        return new PipelineResult(Stats.Median(results.Select(r => r.CpuNs)), results.Min(r => r.CpuNs),
            Stats.Median(results.Select(r => r.WallNs)), results.Min(r => r.WallNs), Stats.Median(results.Select(r => r.Bytes)));
    }
}

/// <summary>The benchmark's command set: one command of two arguments that only counts.</summary>
internal sealed partial class BenchCommands
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Adds two numbers (and tells no one).</summary>
    [ChatCommand("add")]
    public ValueTask Add(ChatCommandContext ctx, int a, int b)
    {
        Interlocked.Increment(ref _calls);
        return default;
    }
}

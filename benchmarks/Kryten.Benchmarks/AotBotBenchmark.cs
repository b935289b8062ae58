using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kryten.Benchmarks;

/// <summary>
/// The NativeAOT EchoBot as a user ships it (samples/EchoBot, published with samples/aot-publish.sh): its binary size,
/// the time from just before the process is spawned to its "connected" line (measured from outside, so process start,
/// runtime start, configuration, connect and subscribe all count), and its resident memory (VmRSS) once connected.
/// Each run is a fresh process against the same nats-server.
/// </summary>
internal sealed partial class AotBotBenchmark(string url, string binary, int runs)
{
    // EchoBot prints "EchoBot connected to <servers> <n> ms after process start; channels: ..." once subscribed.
    [GeneratedRegex(@"connected to .* (\d+) ms after process start")]
    private static partial Regex ConnectedLine();

    public async Task<int> RunAsync()
    {
        if (!File.Exists(binary))
        {
            Console.Error.WriteLine($"{binary} does not exist: publish it first with `bash samples/aot-publish.sh EchoBot`");
            return 2;
        }
        var size = new FileInfo(binary).Length;
        var startup = new List<double>();
        var selfReported = new List<double>();
        var rss = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (ms, self, rssMb) = await StartOnceAsync().ConfigureAwait(false);
            startup.Add(ms);
            selfReported.Add(self);
            rss.Add(rssMb);
            Console.WriteLine($"run {run + 1}: connected {ms:0.0} ms after spawn (self-reported {self:0} ms), VmRSS {rssMb:0.0} MiB");
        }
        var table = new ResultTable("measurement", "median (min – max)", "target", "met");
        table.Add("binary size", $"{size:N0} B ({size / 1048576.0:0.0} MiB)", "≤ 12 MB", size <= 12_000_000 ? "yes" : "no");
        table.Add($"spawn → \"connected\" line (ms, {runs} runs, measured from outside)", Spread(startup), "≤ 60 ms", Stats.Median(startup) <= 60 ? "yes" : "no");
        table.Add("process start → connected, as EchoBot reports it (ms)", Spread(selfReported), "", "");
        table.Add("VmRSS once connected (MiB)", Spread(rss), "≤ 30 MB", Stats.Median(rss) * 1048576 <= 30_000_000 ? "yes" : "no");
        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    private static string Spread(List<double> values) =>
        $"{ResultTable.Number(Stats.Median(values))} ({ResultTable.Number(values.Min())} – {ResultTable.Number(values.Max())})";

    private async Task<(double Ms, double SelfReportedMs, double RssMb)> StartOnceAsync()
    {
        var psi = new ProcessStartInfo(binary, ["--nats", url, "--channel", BridgeTraffic.Channel, "--domain", BridgeTraffic.Domain])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var started = Stopwatch.GetTimestamp();
        using var bot = Process.Start(psi) ?? throw new InvalidOperationException($"{binary} did not start");
        try
        {
            for (var line = 0; line < 100; line++)
            {
                var text = await bot.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                           ?? throw new InvalidOperationException($"EchoBot exited before connecting: {await bot.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false)}");
                if (ConnectedLine().Match(text) is not { Success: true } match) continue;
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                return (ms, double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), ResidentMb(bot.Id));
            }
            throw new InvalidOperationException("EchoBot printed 100 lines without a connected line");
        }
        finally
        {
            bot.Kill();
            await bot.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    // VmRSS from /proc/<pid>/status, in kB there.
    private static double ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace Kryten.Benchmarks;

/// <summary>Runs benchmarks/js/nats-bench.mjs (the official nats.js client) against the same server, in the same run.</summary>
internal static class NatsJsBenchmark
{
    public static async Task<NatsClientResults?> RunAsync(string repositoryRoot, string url, int publishCount, int pubSubCount, int requestCount)
    {
        var dir = Path.Combine(repositoryRoot, "benchmarks", "js");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "nats")))
        {
            Console.Error.WriteLine($"nats.js is not installed: run `npm install` in {dir}");
            return null;
        }
        var psi = new ProcessStartInfo("node", ["nats-bench.mjs", url, publishCount.ToString(), pubSubCount.ToString(), requestCount.ToString()])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        var output = await node.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await node.WaitForExitAsync().ConfigureAwait(false);
        if (node.ExitCode != 0)
        {
            Console.Error.WriteLine($"nats.js benchmark exited with {node.ExitCode}");
            return null;
        }
        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var r = doc.RootElement;
        return new NatsClientResults(
            r.GetProperty("client").GetString()!,
            r.GetProperty("publish16").GetDouble(),
            r.GetProperty("publish256").GetDouble(),
            r.GetProperty("pubSub16").GetDouble(),
            r.GetProperty("pubSub256").GetDouble(),
            r.GetProperty("requestP50Us").GetDouble(),
            r.GetProperty("requestP99Us").GetDouble(),
            double.NaN,
            double.NaN,
            double.NaN,
            double.NaN);
    }
}

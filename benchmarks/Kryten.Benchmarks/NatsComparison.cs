using Kryten.Tests.Infrastructure;

namespace Kryten.Benchmarks;

/// <summary>The `nats` subcommand: NATS.Net and nats.js against one nats-server, printed as one table with ratios.</summary>
internal static class NatsComparison
{
    public static async Task<int> RunAsync(string url, int publishCount, int pubSubCount, int requestCount)
    {
        Console.WriteLine($"publish {publishCount:N0}, pub/sub {pubSubCount:N0}, requests {requestCount:N0} messages per run");

        var net = await new NatsNetBenchmark(url, publishCount, pubSubCount, requestCount).RunAsync().ConfigureAwait(false);
        var js = await NatsJsBenchmark.RunAsync(RepositoryPaths.Root, url, publishCount, pubSubCount, requestCount).ConfigureAwait(false);

        var table = new ResultTable("measurement", net.Client, js?.Client ?? "nats.js", "ratio (NATS.Net / nats.js)");
        Row(table, "publish 16 B (msgs/s)", net.Publish16, js?.Publish16, ResultTable.Rate);
        Row(table, "publish 256 B (msgs/s)", net.Publish256, js?.Publish256, ResultTable.Rate);
        Row(table, "pub→sub 16 B (msgs/s received)", net.PubSub16, js?.PubSub16, ResultTable.Rate);
        Row(table, "pub→sub 256 B (msgs/s received)", net.PubSub256, js?.PubSub256, ResultTable.Rate);
        Row(table, "request/reply p50 (µs)", net.RequestP50Us, js?.RequestP50Us, v => ResultTable.Number(v), lowerIsBetter: true);
        Row(table, "request/reply p99 (µs)", net.RequestP99Us, js?.RequestP99Us, v => ResultTable.Number(v), lowerIsBetter: true);
        table.Add("bytes allocated per published msg, 16 B / 256 B",
            ResultTable.Number(net.BytesPerPublish16, "0.0") + " / " + ResultTable.Number(net.BytesPerPublish256, "0.0"), "n/a", "");
        table.Add("bytes allocated per received msg, 16 B / 256 B (publisher in the same process)",
            ResultTable.Number(net.BytesPerReceive16, "0.0") + " / " + ResultTable.Number(net.BytesPerReceive256, "0.0"), "n/a", "");
        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    private static void Row(ResultTable table, string name, double net, double? theirs, Func<double, string> format, bool lowerIsBetter = false) =>
        table.Add(name, format(net), theirs is double t ? format(t) : "n/a", ResultTable.Ratio(net, theirs ?? double.NaN, lowerIsBetter));
}

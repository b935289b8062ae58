using Kryten.Tests.Infrastructure;

namespace Kryten.Benchmarks;

/// <summary>The `nats` subcommand: Kryten.Nats and nats.js against one nats-server, printed as one table with ratios.</summary>
internal static class NatsComparison
{
    public static async Task<int> RunAsync(string url, int publishCount, int pubSubCount, int requestCount)
    {
        Console.WriteLine($"publish {publishCount:N0}, pub/sub {pubSubCount:N0}, requests {requestCount:N0} messages per run");

        var ours = await new KrytenNatsBenchmark(url, publishCount, pubSubCount, requestCount).RunAsync().ConfigureAwait(false);
        var js = await NatsJsBenchmark.RunAsync(RepositoryPaths.Root, url, publishCount, pubSubCount, requestCount).ConfigureAwait(false);

        var table = new ResultTable("measurement", ours.Client, js?.Client ?? "nats.js", "ratio (ours / nats.js)");
        Row(table, "publish 16 B (msgs/s)", ours.Publish16, js?.Publish16, ResultTable.Rate);
        Row(table, "publish 256 B (msgs/s)", ours.Publish256, js?.Publish256, ResultTable.Rate);
        Row(table, "pub→sub 16 B (msgs/s received)", ours.PubSub16, js?.PubSub16, ResultTable.Rate);
        Row(table, "pub→sub 256 B (msgs/s received)", ours.PubSub256, js?.PubSub256, ResultTable.Rate);
        Row(table, "request/reply p50 (µs)", ours.RequestP50Us, js?.RequestP50Us, v => ResultTable.Number(v), lowerIsBetter: true);
        Row(table, "request/reply p99 (µs)", ours.RequestP99Us, js?.RequestP99Us, v => ResultTable.Number(v), lowerIsBetter: true);
        table.Add("bytes allocated per published msg, 16 B / 256 B",
            ResultTable.Number(ours.BytesPerPublish16, "0.0") + " / " + ResultTable.Number(ours.BytesPerPublish256, "0.0"), "n/a", "");
        table.Add("bytes allocated per received msg, 16 B / 256 B (publisher in the same process)",
            ResultTable.Number(ours.BytesPerReceive16, "0.0") + " / " + ResultTable.Number(ours.BytesPerReceive256, "0.0"), "n/a", "");
        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    private static void Row(ResultTable table, string name, double ours, double? theirs, Func<double, string> format, bool lowerIsBetter = false) =>
        table.Add(name, format(ours), theirs is double t ? format(t) : "n/a", ResultTable.Ratio(ours, theirs ?? double.NaN, lowerIsBetter));
}

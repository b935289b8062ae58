using System.Diagnostics;
using System.Text;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using Kryten.Sdk.Services;
using NATS.Client.Core;

namespace Kryten.Benchmarks;

/// <summary>
/// Request/reply latency of a Kryten service on loopback, sequential requests, in one run: the SDK's generated
/// <c>ModeratorClient</c> against its generated host (<c>ModeratorServiceHost</c>), next to raw NATS.Net requests with
/// hand-written JSON — against the same generated host, and against a raw NATS.Net responder with a hand-written reply
/// (the floor: what the wire and nats-server cost).
/// </summary>
internal sealed class ServiceBenchmark(string url, int requests, int warmup)
{
    private const string Request = """{"service": "moderator", "command": "entry.get", "channel": "420Grindhouse", "username": "BadUser"}""";
    private const string Reply = """{"service":"moderator","command":"entry.get","success":true,"data":{"username":"BadUser","channel":"420Grindhouse","domain":"cytu.be","moderated":false}}""";

    public async Task<int> RunAsync()
    {
        var options = new KrytenOptions { ServiceName = "bench" };
        options.Nats.Servers = [url];
        await using var server = new KrytenClient(options);
        await server.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        await using var caller = new KrytenClient(options);
        await caller.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        await using var raw = new NatsConnection(NatsOpts.Default with { Url = url });
        await raw.ConnectAsync().ConfigureAwait(false);
        await using var responder = new NatsConnection(NatsOpts.Default with { Url = url });
        await responder.ConnectAsync().ConfigureAwait(false);

        var table = new ResultTable("request", "p50 µs", "p99 µs", "requests");
        var body = Encoding.UTF8.GetBytes(Request);
        await using (var host = await ModeratorServiceHost.StartAsync(server, new Moderator()).ConfigureAwait(false))
        {
            var client = new ModeratorClient(caller, TimeSpan.FromSeconds(5));
            Add(table, "generated ModeratorClient → generated host", await MeasureAsync(async () => await client.GetEntryAsync("420Grindhouse", "BadUser").ConfigureAwait(false)).ConfigureAwait(false));
            Add(table, "raw NATS.Net, hand-written JSON → generated host", await MeasureAsync(async () => await raw.RequestAsync<byte[], byte[]>("kryten.moderator.command", body).ConfigureAwait(false)).ConfigureAwait(false));
        }

        var reply = Encoding.UTF8.GetBytes(Reply);
        await using (var sub = await responder.SubscribeCoreAsync<byte[]>("kryten.moderator.command").ConfigureAwait(false))
        {
            var answering = Task.Run(async () =>
            {
                await foreach (var message in sub.Msgs.ReadAllAsync().ConfigureAwait(false)) await message.ReplyAsync(reply).ConfigureAwait(false);
            });
            await responder.PingAsync().ConfigureAwait(false);
            Add(table, "raw NATS.Net, hand-written JSON → raw NATS.Net responder", await MeasureAsync(async () => await raw.RequestAsync<byte[], byte[]>("kryten.moderator.command", body).ConfigureAwait(false)).ConfigureAwait(false));
            await sub.UnsubscribeAsync().ConfigureAwait(false);
            await answering.ConfigureAwait(false);
        }

        Console.WriteLine(table);
        return 0;
    }

    private void Add(ResultTable table, string name, LatencySamples samples) =>
        table.Add(name, ResultTable.Number(samples.Percentile(0.5)), ResultTable.Number(samples.Percentile(0.99)), requests.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<LatencySamples> MeasureAsync(Func<Task> request)
    {
        for (var i = 0; i < warmup; i++) await request().ConfigureAwait(false);
        var samples = new LatencySamples(requests);
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await request().ConfigureAwait(false);
            samples.Add(start, Stopwatch.GetTimestamp());
        }
        return samples;
    }

    // The moderator contract the SDK ships: the benchmark answers entry.get only, with a fixed status.
    private sealed class Moderator : IModeratorService
    {
        private static readonly ModeratorEntryStatus NotModerated = new() { Username = "BadUser", Channel = "420Grindhouse", Domain = "cytu.be", Moderated = false };

        public ValueTask<ModeratorEntryStatus> GetEntryAsync(string channel, string username, string? domain, KrytenServiceCall call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(NotModerated);

        public ValueTask<ModeratorPing> PingAsync(KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorHealth> GetHealthAsync(KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorStats> GetStatsAsync(KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorEntry> AddEntryAsync(string channel, string username, string action, string? domain, string? reason, string? moderator, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorEntryRemoved> RemoveEntryAsync(string channel, string username, string? domain, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorEntryList> ListEntriesAsync(string channel, string? domain, string? filter, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorPattern> AddPatternAsync(string channel, string pattern, bool? isRegex, string? action, string? description, string? addedBy, string? domain, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorPatternRemoved> RemovePatternAsync(string channel, string pattern, string? domain, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorPatternList> ListPatternsAsync(string channel, string? domain, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<ModeratorRecentUsers> GetRecentUsersAsync(string channel, string? domain, double? windowMinutes, KrytenServiceCall call, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

using System.Text.Json;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// nats-server processes routed into one cluster on 127.0.0.1, each with its own client, cluster and monitoring port.
/// <see cref="StartAsync"/> returns once every node has a route to every other node, so a test's first message can
/// cross the cluster; subscription interest still spreads over the routes asynchronously after that.
/// </summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private static readonly TimeSpan RouteTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private NatsCluster(IReadOnlyList<NatsServerProcess> nodes) => Nodes = nodes;

    /// <summary>The nodes in start order; node <c>i</c> is named <c>n{i}</c>.</summary>
    public IReadOnlyList<NatsServerProcess> Nodes { get; }

    /// <summary>Client URLs of every node, running or not, in node order.</summary>
    public IReadOnlyList<string> Urls => Nodes.Select(n => n.Url).ToList();

    /// <summary>Client URLs of the nodes that are running now.</summary>
    public IReadOnlyList<string> RunningUrls => Nodes.Where(n => n.IsRunning).Select(n => n.Url).ToList();

    /// <summary>Starts <paramref name="size"/> nodes, each listing the others as routes, and waits for the full mesh.</summary>
    /// <param name="extraConfig">Config text appended to every node (auth, TLS, limits...).</param>
    public static async Task<NatsCluster> StartAsync(int size = 3, string? extraConfig = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var clusterPorts = Enumerable.Range(0, size).Select(_ => NatsServerProcess.FreePort()).ToList();
        var nodes = new List<NatsServerProcess>();
        var cluster = new NatsCluster(nodes);
        try
        {
            for (var i = 0; i < size; i++)
            {
                var routes = string.Join(",", clusterPorts.Where((_, j) => j != i).Select(p => $"nats-route://127.0.0.1:{p}"));
                nodes.Add(await NatsServerProcess.StartAsync(
                    extraConfig, clusterPort: clusterPorts[i], routes: routes, serverName: $"n{i}", monitor: true,
                    cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            await cluster.WaitForRoutesAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills node <paramref name="index"/> (SIGKILL: the clients on it see the socket drop, no lame duck).</summary>
    public Task StopNodeAsync(int index) => Nodes[index].StopAsync();

    /// <summary>Starts a stopped node again on its ports and waits until the mesh is whole again.</summary>
    public async Task RestartNodeAsync(int index, CancellationToken cancellationToken = default)
    {
        await Nodes[index].RestartAsync(cancellationToken).ConfigureAwait(false);
        await WaitForRoutesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Polls every running node's <c>/routez</c> until each has a route to each other running node. Routes are
    /// counted by remote server id because two nodes that dial each other at once briefly hold two routes.
    /// </summary>
    public async Task WaitForRoutesAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + RouteTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var running = Nodes.Where(n => n.IsRunning).ToList();
            var counts = new List<int>();
            foreach (var node in running) counts.Add(await RemoteCountAsync(node, cancellationToken).ConfigureAwait(false));
            last = string.Join(", ", running.Select((n, i) => $"{n.ServerName}: {counts[i]}"));
            if (counts.All(c => c >= running.Count - 1)) return;
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"routes not established within {RouteTimeout.TotalSeconds} s ({last})");
    }

    private async Task<int> RemoteCountAsync(NatsServerProcess node, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await _http.GetStreamAsync($"{node.MonitorUrl}/routez", cancellationToken).ConfigureAwait(false);
            using var routez = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return routez.RootElement.TryGetProperty("routes", out var routes) && routes.ValueKind == JsonValueKind.Array
                ? routes.EnumerateArray().Select(r => r.GetProperty("remote_id").GetString()).Distinct().Count()
                : 0;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The monitoring listener may open a moment after the client port the start waited for, and a loaded
            // machine may answer slowly; either way the next poll asks again.
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}

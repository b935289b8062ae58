using System.Diagnostics;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class ClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<NatsServerProcess>> StartClusterAsync(int nodes, string? extraConfig = null)
    {
        var clusterPorts = Enumerable.Range(0, nodes).Select(_ => NatsServerProcess.FreePort()).ToList();
        var servers = new List<NatsServerProcess>();
        for (var i = 0; i < nodes; i++)
        {
            var routes = string.Join(",", clusterPorts.Where((_, j) => j != i).Select(p => $"nats-route://127.0.0.1:{p}"));
            servers.Add(await NatsServerProcess.StartAsync(extraConfig, clusterPort: clusterPorts[i], routes: routes, serverName: $"n{i}", cancellationToken: Ct));
        }
        return servers;
    }

    private static async Task DisposeAllAsync(IEnumerable<NatsServerProcess> servers)
    {
        foreach (var s in servers) await s.DisposeAsync();
    }

    /// <summary>Publishes until the subscriber sees a message: route interest propagates asynchronously.</summary>
    private static async Task ShouldReceiveAsync(NatsConnection publisher, NatsSubscription sub, string subject)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await publisher.PublishAsync(subject, "probe"u8.ToArray(), cancellationToken: Ct);
            await publisher.FlushAsync(Ct);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            try
            {
                using var msg = await sub.Messages.ReadAsync(cts.Token);
                msg.Subject.ShouldBe(subject);
                return;
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested) { }
        }
        throw new ShouldAssertException($"no message on {subject} within 20 s");
    }

    [Fact]
    public async Task Discovers_servers_and_fails_over_within_two_seconds_with_subscriptions_intact()
    {
        var nodes = await StartClusterAsync(3);
        try
        {
            await using var nc = await TestConnections.ConnectAsync(nodes[0]);
            (await TestConnections.EventuallyAsync(() => nc.KnownServers.Count == 3)).ShouldBeTrue(string.Join(", ", nc.KnownServers));
            nc.KnownServers.ShouldBe(nodes.Select(n => n.Url), ignoreOrder: true);
            await using var sub = await nc.SubscribeAsync("cluster.x", cancellationToken: Ct);
            await using var publisher = await TestConnections.ConnectAsync(nodes[2]);
            await ShouldReceiveAsync(publisher, sub, "cluster.x");

            var reconnected = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = new Stopwatch();
            nc.StateChanged += (_, e) => { if (e.Current == NatsConnectionState.Connected) reconnected.TrySetResult(watch.Elapsed); };
            watch.Start();
            await nodes[0].StopAsync();
            var elapsed = await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
            elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
            nc.ConnectedUrl.ShouldNotBe(nodes[0].Url);
            await ShouldReceiveAsync(publisher, sub, "cluster.x");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Fact]
    public async Task Lame_duck_server_makes_the_client_move_to_another_node()
    {
        var nodes = await StartClusterAsync(2, "lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"10s\"");
        try
        {
            await using var nc = await TestConnections.ConnectAsync(nodes[0]);
            (await TestConnections.EventuallyAsync(() => nc.KnownServers.Count == 2)).ShouldBeTrue();
            await using var sub = await nc.SubscribeAsync("ldm.x", cancellationToken: Ct);
            await nodes[0].EnterLameDuckModeAsync();
            (await TestConnections.EventuallyAsync(() => nc.ConnectedUrl == nodes[1].Url)).ShouldBeTrue($"still on {nc.ConnectedUrl}");
            await using var publisher = await TestConnections.ConnectAsync(nodes[1]);
            await ShouldReceiveAsync(publisher, sub, "ldm.x");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }
}

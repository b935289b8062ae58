using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>
/// <see cref="NatsCluster"/> against NATS.Net: discovery of the other nodes and failover when a node dies. The client
/// is given node A only and learns the others from the server's INFO (connect_urls, which lists the node itself
/// first). On a disconnect NATS.Net moves the seed form of the lost URL to the end of its list, but not the copy
/// INFO reported, so the dead node can be tried before the live ones: with NoRandomize it always is, which makes
/// these tests see the worst case every time.
/// </summary>
public sealed class ClusterFailoverTests
{
    [Fact]
    public async Task The_cluster_is_fully_routed_when_started()
    {
        await using var cluster = await NatsCluster.StartAsync(cancellationToken: Ct);
        await using var a = new NatsConnection(Opts(cluster.Urls[0]));
        await using var c = new NatsConnection(Opts(cluster.Urls[2]));
        await a.ConnectBoundedAsync();
        await c.ConnectBoundedAsync();
        await using var sub = await a.SubscribeCoreAsync<byte[]>("cluster.routed", cancellationToken: Ct);

        await ShouldReceiveAsync(c, sub, Patience);

        cluster.Nodes.Select(n => n.ServerName).ShouldBe(["n0", "n1", "n2"]);
        cluster.RunningUrls.ShouldBe(cluster.Urls);
        a.ServerInfo.ShouldNotBeNull().ClientConnectUrls.ShouldNotBeNull().Select(u => $"nats://{u}")
            .ShouldBe(cluster.Urls, ignoreOrder: true);
    }

    [Fact]
    public async Task A_restarted_node_rejoins_the_mesh()
    {
        await using var cluster = await NatsCluster.StartAsync(cancellationToken: Ct);
        await cluster.StopNodeAsync(0);
        cluster.RunningUrls.ShouldBe([cluster.Urls[1], cluster.Urls[2]]);

        await cluster.RestartNodeAsync(0, Ct);

        cluster.RunningUrls.ShouldBe(cluster.Urls);
        await using var a = new NatsConnection(Opts(cluster.Urls[0]));
        await using var b = new NatsConnection(Opts(cluster.Urls[1]));
        await a.ConnectBoundedAsync();
        await b.ConnectBoundedAsync();
        await using var sub = await b.SubscribeCoreAsync<byte[]>("cluster.rejoined", cancellationToken: Ct);
        await ShouldReceiveAsync(a, sub, Patience);
    }

    [Fact]
    public async Task Killing_the_clients_node_fails_over_within_two_seconds_and_the_subscription_keeps_receiving()
    {
        await using var cluster = await NatsCluster.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(QuickReconnect(cluster.Urls[0]) with { NoRandomize = true });
        var events = new ConnectionEvents(connection);
        await events.ConnectAsync();
        await using var sub = await connection.SubscribeCoreAsync<byte[]>("cluster.failover", cancellationToken: Ct);
        await using var publisherOnB = new NatsConnection(Opts(cluster.Urls[1]));
        await publisherOnB.ConnectBoundedAsync();
        await ShouldReceiveAsync(publisherOnB, sub, Patience);

        var killedAt = events.Now;
        await cluster.StopNodeAsync(0);
        var reopened = await events.WaitForAsync(nameof(connection.ConnectionOpened), killedAt, Patience);

        reopened.ShouldNotBeNull();
        (reopened.At - killedAt).ShouldBeLessThan(TimeSpan.FromSeconds(2), string.Join("\n", events.Snapshot()));
        reopened.Message.ShouldBeOneOf(cluster.Urls[1], cluster.Urls[2]);
        connection.ConnectionState.ShouldBe(NatsConnectionState.Open);
        await ShouldReceiveAsync(publisherOnB, sub, Patience);
        events.CollapsedNames().ShouldBe([
            nameof(connection.ConnectionOpened), nameof(connection.ConnectionDisconnected),
            nameof(connection.ReconnectFailed), nameof(connection.ConnectionOpened),
        ]);
        events.Snapshot().Single(e => e.Name == nameof(connection.ReconnectFailed)).Message.ShouldBe(cluster.Urls[0]);
    }

    [Fact]
    public async Task Each_failed_attempt_on_the_dead_node_costs_a_full_ReconnectWaitMin_before_a_live_node_is_tried()
    {
        var wait = TimeSpan.FromSeconds(3);
        await using var cluster = await NatsCluster.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(Opts(cluster.Urls[0]) with
        {
            NoRandomize = true, ReconnectWaitMin = wait, ReconnectWaitMax = wait, ReconnectJitter = TimeSpan.Zero,
        });
        var events = new ConnectionEvents(connection);
        await events.ConnectAsync();

        var killedAt = events.Now;
        await cluster.StopNodeAsync(0);
        var reopened = await events.WaitForAsync(nameof(connection.ConnectionOpened), killedAt, Patience + wait);

        reopened.ShouldNotBeNull().Message.ShouldBeOneOf(cluster.Urls[1], cluster.Urls[2]);
        (reopened.At - killedAt).ShouldBeGreaterThanOrEqualTo(wait);
        var failed = events.Snapshot().Where(e => e.Name == nameof(connection.ReconnectFailed)).ShouldHaveSingleItem();
        failed.Message.ShouldBe(cluster.Urls[0]);
        // Events are stamped when NATS.Net's event loop delivers them, a little after the fact: allow for that delay.
        (reopened.At - failed.At).ShouldBeGreaterThanOrEqualTo(wait - TimeSpan.FromMilliseconds(200));
    }
}

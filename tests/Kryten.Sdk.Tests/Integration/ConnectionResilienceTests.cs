using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>
/// The client on real nats-server processes when things go wrong: a restart, a cluster losing the client's node, an
/// outage while commands are sent, reconnecting giving up, handlers slower than the events, a shared connection.
/// </summary>
public sealed class ConnectionResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KrytenOptions Options(params string[] urls)
    {
        var options = TestClients.Options("420Grindhouse");
        options.Nats.Servers = urls;
        return options;
    }

    private static async Task<NatsConnection> BridgeAsync(string url)
    {
        var bridge = new NatsConnection(NatsOpts.Default with { Url = url, ReconnectWaitMin = TimeSpan.FromMilliseconds(100), ReconnectWaitMax = TimeSpan.FromMilliseconds(250) });
        await bridge.ConnectAsync();
        return bridge;
    }

    private static byte[] UserCount(string id) =>
        Encoding.UTF8.GetBytes($$"""{"event_name": "usercount", "payload": 1, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "{{id}}"}""");

    private static Task PublishAsync(NatsConnection bridge, string id) =>
        bridge.PublishAsync("kryten.events.cytube.420grindhouse.usercount", UserCount(id), cancellationToken: Ct).AsTask();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("timed out waiting until " + what);
            await Task.Delay(10, Ct);
        }
    }

    // Publishes a fresh event every 50 ms until one arrives; returns how long after `since` the first arrived.
    private static async Task<TimeSpan> FirstEventAfterAsync(NatsConnection bridge, ConcurrentDictionary<string, byte> got, Stopwatch since, string prefix)
    {
        for (var i = 0; i < 400; i++)
        {
            var id = $"{prefix}-{i}";
            try
            {
                await PublishAsync(bridge, id);
            }
            catch (NatsException)
            {
                // The bridge's own connection may still be reconnecting.
            }
            await Task.Delay(50, Ct);
            if (got.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal))) return since.Elapsed;
        }
        throw new TimeoutException("no event arrived after " + prefix);
    }

    [Fact]
    public async Task After_a_server_restart_subscriptions_resume_within_two_seconds()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));
        var got = new ConcurrentDictionary<string, byte>();
        client.On<UserCountChanged>((_, ctx, _) => { got[ctx.CorrelationId] = 0; return Task.CompletedTask; });
        var states = new ConcurrentQueue<KrytenConnectionState>();
        client.StateChanged += (_, s) => states.Enqueue(s);
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);

        await server.StopAsync();
        await WaitUntilAsync(() => client.State == KrytenConnectionState.Reconnecting, TimeSpan.FromSeconds(20), "the client noticed");
        await Task.Delay(500, Ct);   // a few failed attempts, so the client is in its backoff when the server returns
        await server.RestartAsync(Ct);
        var resumed = await FirstEventAfterAsync(bridge, got, Stopwatch.StartNew(), "after");

        resumed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        states.ShouldContain(KrytenConnectionState.Reconnecting);
        client.State.ShouldBe(KrytenConnectionState.Connected);
        client.Health().Channels.Single().Subscribed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_cluster_losing_the_clients_node_fails_over_within_two_seconds_with_subscriptions_intact()
    {
        await using var cluster = await NatsCluster.StartAsync(cancellationToken: Ct);
        // Only node 0 is configured: the client is on it and learns the others from the cluster.
        await using var client = new KrytenClient(Options(cluster.Urls[0]));
        var got = new ConcurrentDictionary<string, byte>();
        client.On<UserCountChanged>((_, ctx, _) => { got[ctx.CorrelationId] = 0; return Task.CompletedTask; });
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(cluster.Urls[1]);
        await FirstEventAfterAsync(bridge, got, Stopwatch.StartNew(), "before");

        var lost = Stopwatch.StartNew();
        await cluster.StopNodeAsync(0);
        var failedOver = await FirstEventAfterAsync(bridge, got, lost, "after");

        failedOver.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        client.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task Commands_sent_during_a_short_outage_are_held_and_delivered_after_the_reconnect()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);
        await server.StopAsync();
        await WaitUntilAsync(() => client.State == KrytenConnectionState.Reconnecting, TimeSpan.FromSeconds(20), "the client noticed");

        var sending = client.SendCommandAsync(new KrytenCommand("pause", null), Ct).AsTask();
        await Task.Delay(300, Ct);
        sending.IsCompleted.ShouldBeFalse();   // held while the connection is down
        await server.RestartAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);
        await using var commands = await bridge.SubscribeCoreAsync<byte[]>(KrytenWire.CommandSubject, cancellationToken: Ct);
        await bridge.PingAsync(Ct);

        var id = await sending.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        // Delivered after the reconnect: the bridge's subscription, made after the restart, may or may not have been in
        // time for it, so the proof of delivery is that a command sent now arrives too and the first did not fail.
        await client.SendCommandAsync(new KrytenCommand("play", null), Ct);
        var received = await commands.Msgs.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Encoding.UTF8.GetString(received.Data!).ShouldStartWith("{\"command\":\"p");
        id.ShouldNotBeNullOrEmpty();
        client.Health().CommandsFailed.ShouldBe(0);
    }

    [Fact]
    public async Task Commands_sent_during_an_outage_longer_than_the_buffer_time_fail_with_a_typed_error()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        var options = Options(server.Url);
        options.Nats.ReconnectBufferTimeout = TimeSpan.FromMilliseconds(300);
        options.Retry.Attempts = 1;
        await using var client = new KrytenClient(options);
        await client.ConnectAsync(Ct);
        await server.StopAsync();
        await WaitUntilAsync(() => client.State == KrytenConnectionState.Reconnecting, TimeSpan.FromSeconds(20), "the client noticed");

        var e = await Should.ThrowAsync<KrytenPublishException>(async () => await client.SendCommandAsync(new KrytenCommand("pause", null), Ct));
        e.Message.ShouldContain("nats.reconnectBufferTimeout");
        e.Attempts.ShouldBe(2);
        client.Health().CommandsFailed.ShouldBe(1);
    }

    [Fact]
    public async Task Requests_sent_during_an_outage_longer_than_the_buffer_time_fail_with_a_typed_error()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        var options = Options(server.Url);
        options.Nats.ReconnectBufferTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = new KrytenClient(options);
        await client.ConnectAsync(Ct);
        await server.StopAsync();
        await WaitUntilAsync(() => client.State == KrytenConnectionState.Reconnecting, TimeSpan.FromSeconds(20), "the client noticed");

        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.SendCommandAndWaitAsync(
            new KrytenCommand("pause", null), Kryten.Sdk.Events.KrytenJsonContext.Default.KrytenCommandAck, TimeSpan.FromSeconds(5), Ct));
        e.Message.ShouldContain("nats.reconnectBufferTimeout");
        client.Health().CommandsFailed.ShouldBe(1);
    }

    [Fact]
    public async Task When_reconnecting_gives_up_the_client_is_closed_and_RunAsync_says_so()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        var options = Options(server.Url);
        options.Nats.MaxReconnectAttempts = 2;
        await using var client = new KrytenClient(options);
        await client.ConnectAsync(Ct);
        var running = client.RunAsync(Ct);

        await server.StopAsync();

        var e = await Should.ThrowAsync<KrytenConnectionException>(running.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        e.Message.ShouldContain("reconnect attempts exhausted");
        client.State.ShouldBe(KrytenConnectionState.Closed);
    }

    [Fact]
    public async Task Handlers_slower_than_the_events_drop_the_overflow_count_it_log_it_and_keep_memory_bounded()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        var options = Options(server.Url);
        options.MaxPendingEvents = 100;
        options.MaxConcurrentHandlers = 1;
        var logs = new CapturingLoggerFactory();
        await using var client = new KrytenClient(options, logs);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        client.On<UserCountChanged>(async (_, _, _) =>
        {
            await release.Task;
            Interlocked.Increment(ref handled);
        });
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);

        const int Sent = 2000;
        for (var i = 0; i < Sent; i++) await PublishAsync(bridge, $"e-{i}");
        await bridge.PingAsync(Ct);
        // While the handler is stuck, every event beyond the queue, the handler's slot and the one event waiting for
        // it is dropped: wait until the count stops growing, i.e. everything sent has reached the client.
        long dropped = 0;
        for (var stable = 0; stable < 10; stable = client.Health().EventsDropped == dropped ? stable + 1 : 0)
        {
            dropped = client.Health().EventsDropped;
            await Task.Delay(100, Ct);
        }
        dropped.ShouldBeGreaterThanOrEqualTo(Sent - options.MaxPendingEvents - 2);
        release.SetResult();
        await WaitUntilAsync(() => Volatile.Read(ref handled) + client.Health().EventsDropped == Sent, TimeSpan.FromSeconds(30), "every event was handled or dropped");
        logs.Lines.ShouldContain(l => l.Contains("event(s)", StringComparison.Ordinal) && l.Contains("kryten.events.dropped", StringComparison.Ordinal));
        client.State.ShouldBe(KrytenConnectionState.Connected);
    }

    [Fact]
    public async Task A_client_on_the_applications_connection_never_disposes_it()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        await connection.ConnectAsync();
        var got = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (var client = new KrytenClient(Options("nats://unused.invalid:4222"), connection))
        {
            client.On<UserCountChanged>((_, ctx, _) => { got.TrySetResult(ctx.CorrelationId); return Task.CompletedTask; });
            await client.ConnectAsync(Ct);
            client.IsConnected.ShouldBeTrue();
            await PublishAsync(connection, "shared");
            (await got.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct)).ShouldBe("shared");
        }

        connection.ConnectionState.ShouldBe(NatsConnectionState.Open);
        (await connection.PingAsync(Ct)).ShouldBeGreaterThan(TimeSpan.Zero);
    }
}

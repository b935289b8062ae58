using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>NATS.Net 3.3.2 behaviours the SDK transport builds on, pinned against a real server (see README.md).</summary>
public sealed class ConnectionBehaviourTests
{
    [Fact]
    public void The_defaults_the_SDK_has_to_override_or_live_with()
    {
        var opts = NatsOpts.Default;

        opts.ReconnectWaitMin.ShouldBe(TimeSpan.FromSeconds(2));
        opts.ReconnectWaitMax.ShouldBe(TimeSpan.FromSeconds(5));
        opts.ReconnectJitter.ShouldBe(TimeSpan.FromMilliseconds(100));
        opts.MaxReconnectRetry.ShouldBe(-1);
        opts.PublishTimeoutOnDisconnected.ShouldBeFalse();
        opts.CommandTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        opts.ConnectTimeout.ShouldBe(TimeSpan.FromSeconds(2));
        opts.SubPendingChannelCapacity.ShouldBe(16384);
        opts.SubPendingChannelFullMode.ShouldBe(BoundedChannelFullMode.DropNewest);
        opts.TlsOpts.Mode.ShouldBe(TlsMode.Auto);
    }

    [Fact]
    public async Task Connecting_where_no_server_listens_fails_with_can_not_connect_uris()
    {
        var url = $"nats://127.0.0.1:{NatsServerProcess.FreePort()}";
        await using var connection = new NatsConnection(Opts(url));

        var ex = await Should.ThrowAsync<NatsException>(connection.ConnectBoundedAsync());

        ex.GetType().ShouldBe(typeof(NatsException));
        ex.Message.ShouldBe($"can not connect uris: {url}");
        ex.InnerException.ShouldBeNull();
        connection.ConnectionState.ShouldBe(NatsConnectionState.Closed);
    }

    /// <summary>
    /// MaxReconnectRetry counts the waits between attempts, so N allows N + 2 failed attempts. Failed is reached with
    /// no event of its own (the last one is a ReconnectFailed), and the subscriptions' channels are not completed.
    /// </summary>
    [Fact]
    public async Task Exhausting_MaxReconnectRetry_leaves_the_connection_Failed_and_fails_waiting_and_later_publishes()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(Opts(server.Url) with
        {
            MaxReconnectRetry = 2,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(50),
            ReconnectWaitMax = TimeSpan.FromMilliseconds(50),
            ReconnectJitter = TimeSpan.Zero,
        });
        var events = new ConnectionEvents(connection);
        await events.ConnectAsync();
        var sub = await connection.SubscribeCoreAsync<byte[]>("failed.x", cancellationToken: Ct);

        await server.StopAsync();
        (await EventuallyAsync(() => connection.ConnectionState == NatsConnectionState.Reconnecting, Patience)).ShouldBeTrue();
        var waiting = connection.PublishAsync("failed.x", "during"u8.ToArray(), cancellationToken: Ct).AsTask();
        (await EventuallyAsync(() => connection.ConnectionState == NatsConnectionState.Failed, Patience)).ShouldBeTrue();

        (await Should.ThrowAsync<NatsConnectionFailedException>(waiting.WaitAsync(Patience, Ct)))
            .Message.ShouldBe("Maximum connection retry attempts exceeded");
        (await Should.ThrowAsync<NatsConnectionFailedException>(connection.PublishAsync("failed.x", "after"u8.ToArray(), cancellationToken: Ct).AsTask()))
            .Message.ShouldBe("Connection is in failed state");
        (await Should.ThrowAsync<NatsConnectionFailedException>(connection.ConnectAsync().AsTask()))
            .Message.ShouldBe("Connection is in failed state");
        events.CollapsedNames().ShouldBe([nameof(connection.ConnectionOpened), nameof(connection.ConnectionDisconnected), nameof(connection.ReconnectFailed)]);
        events.Snapshot().Count(e => e.Name == nameof(connection.ReconnectFailed)).ShouldBe(4);
        sub.Msgs.Completion.IsCompleted.ShouldBeFalse();

        // Only disposing the connection completes them; the state stays Failed.
        await connection.DisposeAsync();
        await sub.Msgs.Completion.WaitAsync(Patience, Ct);
        connection.ConnectionState.ShouldBe(NatsConnectionState.Failed);
    }

    /// <summary>
    /// NATS.Net stops reconnecting when the server gives the same authorization error twice in a row (unless
    /// IgnoreAuthErrorAbort), e.g. after a password change: the connection ends Failed.
    /// </summary>
    [Fact]
    public async Task The_same_authorization_error_twice_while_reconnecting_leaves_the_connection_Failed()
    {
        var port = NatsServerProcess.FreePort();
        var before = NatsAuthSetups.UserPassword();
        await using var server = await NatsServerProcess.StartAsync(extraConfig: before.ServerConfig, port: port, cancellationToken: Ct);
        await using var connection = new NatsConnection(QuickReconnect(server.Url) with { AuthOpts = AuthOpts(before.Credentials) });
        var events = new ConnectionEvents(connection);
        await events.ConnectAsync();

        await server.StopAsync();
        await using var changed = await NatsServerProcess.StartAsync(
            extraConfig: NatsAuthSetups.UserPassword().ServerConfig, port: port, cancellationToken: Ct);

        (await EventuallyAsync(() => connection.ConnectionState == NatsConnectionState.Failed, Patience)).ShouldBeTrue();
        (await Should.ThrowAsync<NatsConnectionFailedException>(connection.PublishAsync("x", "after"u8.ToArray(), cancellationToken: Ct).AsTask()))
            .Message.ShouldBe("Connection is in failed state");
        events.CollapsedNames().ShouldBe([nameof(connection.ConnectionOpened), nameof(connection.ConnectionDisconnected), nameof(connection.ReconnectFailed)]);
        events.Snapshot().Count(e => e.Name == nameof(connection.ReconnectFailed)).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task By_default_a_publish_while_disconnected_waits_for_the_reconnect_and_is_then_delivered()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(QuickReconnect(server.Url));
        await connection.ConnectBoundedAsync();
        await using var sub = await connection.SubscribeCoreAsync<string>("wait.x", cancellationToken: Ct);

        await server.StopAsync();
        (await EventuallyAsync(() => connection.ConnectionState == NatsConnectionState.Reconnecting, Patience)).ShouldBeTrue();
        var publish = connection.PublishAsync("wait.x", "sent while down", cancellationToken: Ct).AsTask();
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        publish.IsCompleted.ShouldBeFalse();
        await server.RestartAsync(Ct);

        await publish.WaitAsync(Patience, Ct);
        (await sub.Msgs.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct)).Data.ShouldBe("sent while down");
    }

    [Fact]
    public async Task The_callers_token_bounds_a_publish_that_waits_for_the_reconnect()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(QuickReconnect(server.Url));
        await connection.ConnectBoundedAsync();
        await server.StopAsync();
        (await EventuallyAsync(() => connection.ConnectionState == NatsConnectionState.Reconnecting, Patience)).ShouldBeTrue();

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var ex = await Should.ThrowAsync<TaskCanceledException>(connection.PublishAsync("wait.x", "x"u8.ToArray(), cancellationToken: cts.Token).AsTask());

        ex.CancellationToken.ShouldBe(cts.Token);
    }

    /// <summary>
    /// With PublishTimeoutOnDisconnected the wait for the reconnect is bounded by CommandTimeout, and the publish ends
    /// in a TaskCanceledException (not a NatsTimeoutException) although the caller's token was not cancelled.
    /// </summary>
    [Fact]
    public async Task PublishTimeoutOnDisconnected_fails_a_publish_after_CommandTimeout_with_TaskCanceledException()
    {
        var commandTimeout = TimeSpan.FromSeconds(1);
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(QuickReconnect(server.Url) with
        {
            PublishTimeoutOnDisconnected = true,
            CommandTimeout = commandTimeout,
        });
        await connection.ConnectBoundedAsync();
        await server.StopAsync();
        (await EventuallyAsync(() => connection.ConnectionState == NatsConnectionState.Reconnecting, Patience)).ShouldBeTrue();

        var clock = Stopwatch.StartNew();
        var ex = await Should.ThrowAsync<TaskCanceledException>(
            connection.PublishAsync("wait.x", "x"u8.ToArray(), cancellationToken: Ct).AsTask().WaitAsync(Patience, Ct));

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(commandTimeout - TimeSpan.FromMilliseconds(50));
        ex.CancellationToken.ShouldNotBe(Ct);
        Ct.IsCancellationRequested.ShouldBeFalse();
        connection.ConnectionState.ShouldBe(NatsConnectionState.Reconnecting);
    }

    /// <summary>
    /// DropNewest is System.Threading.Channels' mode: when the channel is full, the newest message already in it is
    /// dropped to make room for the arriving one. So the channel keeps the oldest Capacity - 1 plus the latest, and
    /// MessageDropped reports each evicted message, with the channel's pending count. SlowConsumerDetected fires once.
    /// </summary>
    [Fact]
    public async Task A_full_subscription_channel_drops_its_newest_message_and_raises_MessageDropped_for_each()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(Opts(server.Url) with { SubPendingChannelCapacity = 10 });
        var dropped = new ConcurrentQueue<NatsMessageDroppedEventArgs>();
        var slow = new ConcurrentQueue<NatsSlowConsumerEventArgs>();
        connection.MessageDropped += (_, e) => { dropped.Enqueue(e); return ValueTask.CompletedTask; };
        connection.SlowConsumerDetected += (_, e) => { slow.Enqueue(e); return ValueTask.CompletedTask; };
        await connection.ConnectBoundedAsync();
        await using var sub = await connection.SubscribeCoreAsync<string>("drop.x", cancellationToken: Ct);

        for (var i = 1; i <= 50; i++) await connection.PublishAsync("drop.x", $"m{i}", cancellationToken: Ct);
        await connection.PingAsync(Ct);
        (await EventuallyAsync(() => dropped.Count == 40 && sub.Msgs.Count == 10, Patience)).ShouldBeTrue($"{dropped.Count} dropped");

        var kept = new List<string?>();
        while (sub.Msgs.TryRead(out var msg)) kept.Add(msg.Data);
        kept.ShouldBe([.. Enumerable.Range(1, 9).Select(i => $"m{i}"), "m50"]);
        dropped.Select(d => d.Data).ShouldBe(Enumerable.Range(10, 40).Select(i => $"m{i}"));
        dropped.First().Subject.ShouldBe("drop.x");
        dropped.First().Pending.ShouldBe(10);
        dropped.First().Message.ShouldBe("Dropped message from drop.x with 10 pending messages");
        slow.ShouldHaveSingleItem();
    }
}

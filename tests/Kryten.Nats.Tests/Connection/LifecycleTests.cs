using System.Collections.Concurrent;
using System.Text;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Drain_delivers_in_flight_messages_in_order_then_completes_and_closes()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var nc = await TestConnections.ConnectAsync(server);
        var sub = await nc.SubscribeAsync("drain.x", cancellationToken: Ct);
        for (var i = 0; i < 200; i++) await nc.PublishAsync("drain.x", BitConverter.GetBytes(i), cancellationToken: Ct);
        var reading = Task.Run(async () =>
        {
            var got = new List<int>();
            await foreach (var m in sub)
            {
                using (m) got.Add(BitConverter.ToInt32(m.Data.Span));
                await Task.Yield();
            }
            return got;
        });
        await nc.DrainAsync(Ct);
        nc.State.ShouldBe(NatsConnectionState.Closed);
        (await reading.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBe(Enumerable.Range(0, 200));
        await Should.ThrowAsync<NatsConnectionException>(async () => await nc.PublishAsync("drain.x", "late"u8.ToArray(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Reconnect_restores_subscriptions_flushes_buffered_publishes_and_reports_states_in_order()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        var states = new ConcurrentQueue<NatsConnectionState>();
        var nc = new NatsConnection(TestConnections.Opts(server.Url));
        nc.StateChanged += (_, e) => states.Enqueue(e.Current);
        await nc.ConnectAsync(Ct);
        var sub = await nc.SubscribeAsync("rc.>", cancellationToken: Ct);
        var limited = await nc.SubscribeAsync("rc.limited", cancellationToken: Ct);
        await limited.UnsubscribeAsync(afterMessages: 3);
        await nc.PublishAsync("rc.limited", "1"u8.ToArray(), cancellationToken: Ct);
        await nc.PublishAsync("rc.a", "before"u8.ToArray(), cancellationToken: Ct);
        using (var before = await sub.NextAsync()) before.Subject.ShouldBe("rc.limited");
        using (var before = await sub.NextAsync()) Encoding.UTF8.GetString(before.Data.Span).ShouldBe("before");

        await server.StopAsync();
        (await TestConnections.EventuallyAsync(() => nc.State == NatsConnectionState.Reconnecting)).ShouldBeTrue();
        for (var i = 0; i < 10; i++) await nc.PublishAsync("rc.buffered", BitConverter.GetBytes(i), cancellationToken: Ct);
        for (var i = 0; i < 4; i++) await nc.PublishAsync("rc.limited", "x"u8.ToArray(), cancellationToken: Ct);
        await server.RestartAsync(Ct);

        (await TestConnections.EventuallyAsync(() => nc.State == NatsConnectionState.Connected)).ShouldBeTrue();
        var buffered = new List<int>();
        var limitedSeen = 0;
        while (buffered.Count < 10 || limitedSeen < 4)
        {
            using var m = await sub.NextAsync();
            if (m.Subject == "rc.buffered") buffered.Add(BitConverter.ToInt32(m.Data.Span));
            else if (m.Subject == "rc.limited") limitedSeen++;
        }
        buffered.ShouldBe(Enumerable.Range(0, 10));
        // The auto-unsubscribe limit (3) survives the reconnect: 1 before + 2 after, then the stream completes.
        var limitedCount = 0;
        await foreach (var m in limited.WithCancellation(Ct))
        {
            m.Dispose();
            limitedCount++;
        }
        limitedCount.ShouldBe(3);
        nc.Statistics.Reconnects.ShouldBe(1);
        await nc.DisposeAsync();
        (await TestConnections.EventuallyAsync(() => states.Count >= 5)).ShouldBeTrue();
        states.ShouldBe([NatsConnectionState.Connecting, NatsConnectionState.Connected, NatsConnectionState.Reconnecting, NatsConnectionState.Connected, NatsConnectionState.Closed]);
    }

    [Fact]
    public async Task Reconnect_buffer_full_raises_typed_exception_instead_of_losing_messages()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var nc = await TestConnections.ConnectAsync(server, o => o with { ReconnectBufferBytes = 4096, ReconnectWait = TimeSpan.FromSeconds(30) });
        await server.StopAsync();
        (await TestConnections.EventuallyAsync(() => nc.State == NatsConnectionState.Reconnecting)).ShouldBeTrue();
        var accepted = 0;
        await Should.ThrowAsync<NatsReconnectBufferFullException>(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await nc.PublishAsync("full", new byte[100], cancellationToken: Ct);
                accepted++;
            }
        });
        accepted.ShouldBeInRange(20, 40);
    }

    [Fact]
    public async Task Retry_on_initial_connect_connects_once_the_server_appears()
    {
        var port = NatsServerProcess.FreePort();
        await using var nc = new NatsConnection(TestConnections.Opts($"nats://127.0.0.1:{port}") with { RetryOnInitialConnect = true });
        await nc.ConnectAsync(Ct);
        nc.State.ShouldBe(NatsConnectionState.Reconnecting);
        await using var server = await NatsServerProcess.StartAsync(port: port, cancellationToken: Ct);
        (await TestConnections.EventuallyAsync(() => nc.State == NatsConnectionState.Connected)).ShouldBeTrue();
    }

    [Fact]
    public async Task Max_reconnect_attempts_exhausted_closes_the_connection()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var nc = await TestConnections.ConnectAsync(server, o => o with { MaxReconnectAttempts = 2, ReconnectWait = TimeSpan.FromMilliseconds(50) });
        await server.StopAsync();
        (await TestConnections.EventuallyAsync(() => nc.State == NatsConnectionState.Closed)).ShouldBeTrue();
    }

    [Fact]
    public async Task Drain_timeout_closes_anyway_and_reports_it()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var nc = await TestConnections.ConnectAsync(server, o => o with { DrainTimeout = TimeSpan.FromMilliseconds(300) });
        var sub = await nc.SubscribeAsync("drain.unread", cancellationToken: Ct);
        await nc.PublishAsync("drain.unread", "never read"u8.ToArray(), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        (await TestConnections.EventuallyAsync(() => sub.PendingMessages == 1)).ShouldBeTrue();
        await Should.ThrowAsync<NatsTimeoutException>(async () => await nc.DrainAsync(Ct));
        nc.State.ShouldBe(NatsConnectionState.Closed);
        sub.Messages.TryRead(out var leftover).ShouldBeTrue();
        leftover.Dispose();
    }

    [Fact]
    public async Task Statistics_count_messages_and_bytes_both_ways()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var nc = await TestConnections.ConnectAsync(server);
        await using var sub = await nc.SubscribeAsync("stats.x", cancellationToken: Ct);
        var headers = new NatsHeaders { { "A", "b" } };
        await nc.PublishAsync("stats.x", new byte[10], cancellationToken: Ct);
        await nc.PublishAsync("stats.x", new byte[5], headers, cancellationToken: Ct);
        (await sub.NextAsync()).Dispose();
        using var second = await sub.NextAsync();
        var headerBytes = "NATS/1.0\r\nA: b\r\n\r\n".Length;
        second.Size.ShouldBe(5 + headerBytes);
        nc.Statistics.MsgsOut.ShouldBe(2);
        nc.Statistics.BytesOut.ShouldBe(15 + headerBytes);
        nc.Statistics.MsgsIn.ShouldBe(2);
        nc.Statistics.BytesIn.ShouldBe(15 + headerBytes);
        nc.Statistics.Reconnects.ShouldBe(0);
    }
}

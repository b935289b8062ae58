using System.Collections.Concurrent;
using System.Text.Json;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

public sealed class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handlers_on_a_client_without_channels_are_warned_about_once()
    {
        var logs = new Kryten.Tests.Infrastructure.CapturingLoggerFactory();
        var options = TestClients.Options();
        await using var client = new KrytenClient(options, new InMemoryKrytenBus(), logs);
        client.On<TestChat>(_ => Task.CompletedTask);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        client.On<TestChat>(_ => Task.CompletedTask);

        logs.Lines.Count(l => l.Contains("no channels are configured: no events will arrive", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_send_only_client_without_channels_or_handlers_is_not_warned_about()
    {
        var logs = new Kryten.Tests.Infrastructure.CapturingLoggerFactory();
        await using var client = new KrytenClient(TestClients.Options(), new InMemoryKrytenBus(), logs);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        logs.Lines.ShouldNotContain(l => l.Contains("no channels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_retries_then_fails_with_a_typed_exception()
    {
        var bus = new InMemoryKrytenBus { FailConnects = 3 };
        var options = TestClients.Options("420Grindhouse");
        options.Nats.ConnectAttempts = 3;
        var client = TestClients.Create(options, bus);
        await using var _ = client;
        var states = new ConcurrentQueue<KrytenConnectionState>();
        client.StateChanged += (_, s) => states.Enqueue(s);

        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));
        e.Message.ShouldContain("after 3 attempt(s)");
        client.State.ShouldBe(KrytenConnectionState.Disconnected);
        states.ShouldBe([KrytenConnectionState.Connecting, KrytenConnectionState.Disconnected]);

        bus.FailConnects = 2;
        await client.ConnectAsync(Ct);
        client.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task Reconnects_are_reported_and_events_resume()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var states = new ConcurrentQueue<KrytenConnectionState>();
        client.StateChanged += (_, s) => states.Enqueue(s);
        var got = new ConcurrentQueue<string>();
        client.On<TestChat>((m, _, _) => { got.Enqueue(m.Msg); return Task.CompletedTask; });

        bus.SimulateDisconnect();
        client.State.ShouldBe(KrytenConnectionState.Reconnecting);
        client.IsConnected.ShouldBeFalse();
        client.Health().Channels.Single().Subscribed.ShouldBeFalse();
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "a", "msg": "lost", "time": 1}""");
        bus.SimulateReconnect();
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "a", "msg": "after", "time": 1}""");
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        states.ShouldBe([KrytenConnectionState.Reconnecting, KrytenConnectionState.Connected]);
        got.ShouldBe(["after"]);
        client.Health().Channels.Single().Subscribed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_publish_during_a_short_outage_is_held_until_the_reconnect()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Retry = new KrytenRetryOptions { Attempts = 0 };
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        bus.SimulateDisconnect();
        var send = client.SendCommandAsync(new KrytenCommand("clear", null), Ct).AsTask();
        await Task.Delay(60, Ct);
        bus.SimulateReconnect();
        await send.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        bus.Commands.ShouldHaveSingleItem().Command.ShouldBe("clear");
    }

    [Fact]
    public async Task RunAsync_ends_on_cancellation_and_stops_the_client()
    {
        var (client, _) = await TestClients.StartAsync();
        await using var __ = client;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await client.RunAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        client.State.ShouldBe(KrytenConnectionState.Closed);
        await Should.ThrowAsync<KrytenConnectionException>(async () => await client.SendCommandAsync(new KrytenCommand("clear", null), Ct));
    }

    [Fact]
    public async Task RunAsync_connects_and_ends_on_StopAsync()
    {
        var client = TestClients.Create(TestClients.Options("420Grindhouse"), new InMemoryKrytenBus());
        await using var _ = client;
        var run = client.RunAsync(Ct);
        for (var i = 0; i < 500 && !client.IsConnected; i++) await Task.Delay(10, Ct);
        client.IsConnected.ShouldBeTrue();
        await client.StopAsync(Ct);
        await client.StopAsync(Ct);
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        client.State.ShouldBe(KrytenConnectionState.Closed);
        await Should.ThrowAsync<ObjectDisposedException>(async () => await client.ConnectAsync(Ct));
    }

    [Fact]
    public async Task Stop_waits_for_running_handlers()
    {
        var (client, bus) = await TestClients.StartAsync();
        var finished = false;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>(async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(200, ct);
            finished = true;
        });
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "a", "msg": "m", "time": 1}""");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.DisposeAsync();
        finished.ShouldBeTrue();
        bus.State.ShouldBe(KrytenConnectionState.Closed);
    }

    [Fact]
    public async Task RunAsync_ends_with_a_connection_exception_when_reconnecting_gives_up()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var run = client.RunAsync(Ct);
        bus.SimulateDisconnect();
        bus.SimulateConnectionClosed();
        await Should.ThrowAsync<KrytenConnectionException>(() => run.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        client.State.ShouldBe(KrytenConnectionState.Closed);
    }

    [Fact]
    public async Task Dispose_without_connect_is_clean()
    {
        var client = TestClients.Create(TestClients.Options("420Grindhouse"), new InMemoryKrytenBus());
        await client.DisposeAsync();
        await client.DisposeAsync();
        client.State.ShouldBe(KrytenConnectionState.Closed);
    }
}

public sealed class MessagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Raw_and_typed_publish_subscribe_and_request_on_any_subject()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options());
        await using var _ = client;
        var raw = new TaskCompletionSource<KrytenMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sub = await client.SubscribeAsync("mybot.>", (m, _) => { raw.TrySetResult(m with { Data = m.Data.ToArray() }); return default; }, Ct);
        var typed = new ConcurrentQueue<long>();
        await using var typedSub = await client.SubscribeAsync("numbers.*", TestJson.Default.Int64, (n, _, _) => { typed.Enqueue(n); return default; }, Ct);

        await client.PublishAsync("mybot.hello", "hi"u8.ToArray(), Ct);
        await client.PublishAsync("numbers.a", 42L, TestJson.Default.Int64, Ct);
        await client.PublishAsync("numbers.b", "\"not a number\""u8.ToArray(), Ct);
        await client.PublishAsync("numbers.c", 7L, TestJson.Default.Int64, Ct);
        await bus.WhenIdleAsync();

        var got = await raw.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        got.Subject.ShouldBe("mybot.hello");
        System.Text.Encoding.UTF8.GetString(got.Data.Span).ShouldBe("hi");
        typed.ShouldBe([42L, 7L]);
        client.Health().EventsMalformed.ShouldBe(1);

        await using var responder = await client.SubscribeAsync("svc.echo", async (m, ct) =>
            await client.PublishAsync(m.ReplyTo!, m.Data.ToArray(), ct), Ct);
        var reply = await client.RequestAsync("svc.echo", "ping"u8.ToArray(), cancellationToken: Ct);
        System.Text.Encoding.UTF8.GetString(reply).ShouldBe("ping");
        var typedReply = await client.RequestAsync("svc.echo", 5L, TestJson.Default.Int64, TestJson.Default.Int64, cancellationToken: Ct);
        typedReply.ShouldBe(5L);
        await Should.ThrowAsync<KrytenNoRespondersException>(async () => await client.RequestAsync("svc.nobody", "x"u8.ToArray(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Silent_responders_time_out_with_a_typed_exception()
    {
        var (client, _) = await TestClients.StartAsync(TestClients.Options());
        await using var __ = client;
        await using var sub = await client.SubscribeAsync("svc.silent", (_, _) => default, Ct);
        var e = await Should.ThrowAsync<KrytenTimeoutException>(async () => await client.RequestAsync("svc.silent", "x"u8.ToArray(), TimeSpan.FromMilliseconds(100), Ct));
        e.Operation.ShouldBe("svc.silent");
    }

    [Fact]
    public async Task Throwing_subscribers_are_contained()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options());
        await using var _ = client;
        var seen = 0;
        await using var sub = await client.SubscribeAsync("x", (_, _) => { Interlocked.Increment(ref seen); throw new InvalidOperationException("no"); }, Ct);
        await client.PublishAsync("x", "1"u8.ToArray(), Ct);
        await client.PublishAsync("x", "2"u8.ToArray(), Ct);
        await bus.WhenIdleAsync();
        seen.ShouldBe(2);
        client.Health().HandlerErrors.ShouldBe(2);
    }
}

public sealed class MockClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bot_can_be_tested_end_to_end()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Client.On<TestChat>(async (m, ctx, ct) =>
        {
            if (m.Msg == "!ping") await ctx.Commands.SendCommandAsync(new KrytenCommand("say", new SayArgs("pong")), ct);
        });

        var id = await mock.EmitAsync("chatMsg", """{"username": "alice", "msg": "!ping", "meta": {}, "time": 1}""");

        var say = mock.Commands.ShouldHaveSingleItem();
        say.Args.GetProperty("message").GetString().ShouldBe("pong");
        say.CausedBy.ShouldBe(id);
        say.Meta.GetProperty("channel").GetString().ShouldBe("test");

        var ack = await mock.Client.SendCommandAndWaitAsync(new KrytenCommand("pause", null), TestJson.Default.JsonElement, cancellationToken: Ct);
        ack.GetProperty("success").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Typed_records_can_be_emitted()
    {
        await using var mock = await MockKrytenClient.StartAsync(o => o.Channels[0].Channel = "Lounge Test");
        var got = new ConcurrentQueue<(long, string)>();
        mock.Client.On<TestSetCurrent>((e, ctx, _) => { got.Enqueue((e.Uid, ctx.Channel)); return Task.CompletedTask; });
        await mock.EmitAsync(new TestSetCurrent(18));
        got.ShouldBe([(18L, "Lounge Test")]);
        mock.Bus.Published.ShouldBeEmpty();
    }
}

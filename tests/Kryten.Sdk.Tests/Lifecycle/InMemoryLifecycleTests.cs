using System.Collections.Concurrent;
using System.Text;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Lifecycle;

/// <summary>The lifecycle on the in-memory bus, as a bot's own tests see it.</summary>
public sealed class InMemoryLifecycleTests
{
    private static Task<MockKrytenClient> StartAsync(Action<KrytenOptions>? configure = null) =>
        MockKrytenClient.StartAsync(o =>
        {
            o.Service = new KrytenServiceOptions { Name = "DiceBot", Version = "1.2.3", HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
            configure?.Invoke(o);
        });

    [Fact]
    public async Task A_service_announces_itself_heartbeats_and_publishes_its_shutdown_last()
    {
        var mock = await StartAsync();
        var startup = await mock.Bus.WaitForLifecycleAsync("startup");
        (startup.Subject, startup.Service).ShouldBe(("kryten.lifecycle.dicebot.startup", "dicebot"));
        startup.Payload.GetProperty("version").GetString().ShouldBe("1.2.3");
        await mock.Bus.WaitForLifecycleAsync("heartbeat", count: 2);

        await mock.DisposeAsync();

        var last = mock.Bus.Lifecycle[^1];
        last.Event.ShouldBe("shutdown");
        last.Json.ShouldEndWith(""", "reason": "Normal shutdown"}""");
        mock.Bus.Lifecycle.Count(m => m.Event == "startup").ShouldBe(1);
    }

    [Fact]
    public async Task The_shutdown_carries_the_reason_given_to_StopAsync()
    {
        await using var mock = await StartAsync();
        await mock.Client.StopAsync("Group restart: Config update", TestContext.Current.CancellationToken);
        mock.Bus.Lifecycle[^1].Payload.GetProperty("reason").GetString().ShouldBe("Group restart: Config update");
    }

    [Fact]
    public async Task A_robot_startup_and_a_discovery_poll_make_the_service_announce_again()
    {
        await using var mock = await StartAsync();
        await mock.SimulateRobotStartupAsync();
        mock.Bus.Lifecycle.Count(m => m.Event == "startup").ShouldBe(3);   // on connect, then on both of the bridge's startups

        await mock.Bus.InjectAsync("kryten.service.discovery.poll", "whatever"u8.ToArray());
        await mock.SettleAsync();
        mock.Bus.Lifecycle.Count(m => m.Event == "startup").ShouldBe(4);
    }

    [Fact]
    public async Task Without_a_service_nothing_is_announced_but_robot_events_still_arrive()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var watcher = new RobotWatcher();
        using var _ = mock.Client.AddHandlers(watcher);
        await mock.SimulateRobotStartupAsync();
        mock.Bus.Lifecycle.ShouldBeEmpty();
        watcher.Seen.Count(s => s.StartsWith("startup:", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Robot_lifecycle_events_reach_handler_methods_and_lambdas_like_CyTube_events()
    {
        await using var mock = await MockKrytenClient.StartAsync(o => o.Channels[0].Channel = "420Grindhouse");
        var watcher = new RobotWatcher();
        using var methods = mock.Client.AddHandlers(watcher);
        var lambdas = new ConcurrentQueue<string>();
        using var one = mock.Client.On<RobotStartup>(s => { lambdas.Enqueue($"startup:{s.Channel}"); return Task.CompletedTask; });
        using var two = mock.Client.On<RobotConnected>((c, ctx) => { lambdas.Enqueue($"connected:{c.Target}:{ctx.Subject}"); return Task.CompletedTask; });

        await mock.SimulateRobotStartupAsync();
        await mock.EmitLifecycleAsync(new RobotConnected
        {
            Service = "robot", Target = "CyTube", Domain = "cytu.be", Channel = "420Grindhouse", Note = "Reconnected after: watchdog timeout (attempt 1)",
        });
        await mock.EmitLifecycleAsync(new RobotShutdown { Service = "robot", Reason = "Normal shutdown", UptimeSeconds = 8100.5 });

        watcher.Seen.ShouldBe([
            "startup:1.12.4:ready=False::robot.startup",
            "connected:CyTube:reconnect=False::cytu.be",   // not the NATS one: it has no channel, and the handler filters on one
            "startup:1.12.4:ready=True:420Grindhouse:robot.startup",
            "connected:CyTube:reconnect=True:Reconnected after: watchdog timeout (attempt 1):cytu.be",
            "shutdown:Normal shutdown:8100.5",
        ], ignoreOrder: true);
        lambdas.ShouldBe([
            "startup:", "connected:NATS:kryten.lifecycle.robot.connected", "connected:CyTube:kryten.lifecycle.robot.connected", "startup:420Grindhouse",
            "connected:CyTube:kryten.lifecycle.robot.connected",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Health_reports_what_the_bridge_last_said_of_itself()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Client.Health().Bridge.ShouldBe(new KrytenBridgeHealth(KrytenBridgeStatus.Unknown, null, null));

        await mock.SimulateRobotStartupAsync();
        var running = mock.Client.Health().Bridge;
        (running.Status, running.LastLifecycleEvent).ShouldBe((KrytenBridgeStatus.Running, "robot.startup"));
        running.LastSeen.ShouldNotBeNull();

        await mock.EmitLifecycleAsync(new RobotDisconnected { Service = "robot", Target = "CyTube", Reason = "Graceful shutdown" });
        (mock.Client.Health().Bridge.Status, mock.Client.Health().Bridge.LastLifecycleEvent).ShouldBe((KrytenBridgeStatus.Stopped, "robot.disconnected"));
        await mock.EmitLifecycleAsync(new RobotConnected { Service = "robot", Target = "NATS" });
        mock.Client.Health().Bridge.Status.ShouldBe(KrytenBridgeStatus.Running);
        await mock.EmitLifecycleAsync(new RobotShutdown { Service = "robot", Reason = "Normal shutdown" });
        (mock.Client.Health().Bridge.Status, mock.Client.Health().Bridge.LastLifecycleEvent).ShouldBe((KrytenBridgeStatus.Stopped, "robot.shutdown"));
    }

    [Fact]
    public async Task A_group_restart_is_a_typed_notice_the_bot_can_act_on()
    {
        await using var mock = await StartAsync();
        var notices = new ConcurrentQueue<GroupRestartNotice>();
        using var _ = mock.Client.On<GroupRestartNotice>(n => { notices.Enqueue(n); return Task.CompletedTask; });

        await mock.Bus.InjectAsync("kryten.lifecycle.group.restart",
            """{"initiator": "admin", "reason": "Config update", "delay_seconds": 10, "timestamp": "2026-08-14T18:25:43.511286+00:00"}"""u8.ToArray());
        await mock.Bus.InjectAsync("kryten.lifecycle.group.restart", """{"initiator": "cli", "reason": "now"}"""u8.ToArray());
        await mock.SettleAsync();

        notices.Select(n => (n.Initiator, n.Reason, n.DelaySeconds)).ShouldBe([("admin", "Config update", 10.0), ("cli", "now", 5.0)]);
    }

    [Fact]
    public async Task Raw_handlers_never_see_lifecycle_and_an_envelope_never_reaches_a_lifecycle_handler()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var raw = new ConcurrentQueue<string>();
        var startups = 0;
        using var a = mock.Client.OnRaw(e => { raw.Enqueue(e.EventName); return Task.CompletedTask; });
        using var b = mock.Client.On<RobotStartup>(_ => { Interlocked.Increment(ref startups); return Task.CompletedTask; });

        await mock.SimulateRobotStartupAsync();
        await mock.EmitAsync("robot.startup", """{"service": "robot"}""");

        raw.ShouldBe(["robot.startup"]);
        startups.ShouldBe(2);
        await Should.ThrowAsync<ArgumentException>(() => mock.Bus.PublishEventAsync("test", new RobotShutdown { Service = "robot" }));
    }

    [Fact]
    public async Task A_lifecycle_message_that_is_not_an_object_is_counted_and_skipped()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        using var _ = mock.Client.On<RobotStartup>(_ => Task.CompletedTask);
        await mock.Bus.InjectAsync("kryten.lifecycle.robot.startup", "[1, 2]"u8.ToArray());
        await mock.Bus.InjectAsync("kryten.lifecycle.robot.startup", """{"version": "no service key"}"""u8.ToArray());
        await mock.SettleAsync();
        mock.Client.Health().EventsMalformed.ShouldBe(2);
    }

    [Fact]
    public async Task A_client_with_only_lifecycle_handlers_needs_no_channel()
    {
        var logs = new Kryten.Tests.Infrastructure.CapturingLoggerFactory();
        await using var client = new KrytenClient(TestClients.Options(), new InMemoryKrytenBus(), logs);
        using var _ = client.On<RobotStartup>(_ => Task.CompletedTask);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        logs.Lines.ShouldNotContain(l => l.Contains("no channels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_callbacks_say_goodbye_before_the_shutdown_once_however_often_stop_is_called()
    {
        var mock = await StartAsync();
        var calls = 0;
        using var failing = mock.Client.OnStopping(_ => throw new InvalidOperationException("a callback that fails does not stop the others"));
        using var goodbye = mock.Client.OnStopping(async ct =>
        {
            Interlocked.Increment(ref calls);
            await mock.Client.SayAsync("brb, restarting", cancellationToken: ct);
        });
        var removed = mock.Client.OnStopping(_ => throw new InvalidOperationException("removed before stopping"));
        removed.Dispose();

        await Task.WhenAll(mock.Client.StopAsync(TestContext.Current.CancellationToken), mock.Client.StopAsync(TestContext.Current.CancellationToken), mock.DisposeAsync().AsTask());

        calls.ShouldBe(1);
        var subjects = mock.Bus.Published.Select(m => m.Subject).ToList();
        var say = mock.Commands.ShouldHaveSingleItem();
        say.Args.GetProperty("message").GetString().ShouldBe("brb, restarting");
        subjects.IndexOf("kryten.robot.command").ShouldBeLessThan(subjects.IndexOf("kryten.lifecycle.dicebot.shutdown"));
    }

    [Fact]
    public async Task A_stopping_callback_that_hangs_is_cut_off_at_the_drain_timeout()
    {
        var mock = await StartAsync(o => o.DrainTimeout = TimeSpan.FromMilliseconds(200));
        using var hang = mock.Client.OnStopping(_ => Task.Delay(Timeout.Infinite, CancellationToken.None));
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await mock.DisposeAsync();
        stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        mock.Bus.Lifecycle[^1].Event.ShouldBe("shutdown");
    }

    [Fact]
    public async Task Stopping_callbacks_do_not_run_for_a_client_that_never_connected()
    {
        var options = TestClients.Options();
        await using var client = new KrytenClient(options, new InMemoryKrytenBus());
        var ran = false;
        using var _ = client.OnStopping(_ => { ran = true; return Task.CompletedTask; });
        await client.StopAsync(TestContext.Current.CancellationToken);
        ran.ShouldBeFalse();
    }

    [Fact]
    public void The_bridge_lifecycle_names_are_the_robot_service_s_subjects()
    {
        RobotStartup.CytubeEventName.ShouldBe(KrytenWire.LifecycleBridgeService + "." + KrytenWire.LifecycleStartup);
        RobotShutdown.CytubeEventName.ShouldBe(KrytenWire.LifecycleBridgeService + "." + KrytenWire.LifecycleShutdown);
        KrytenEventInfo.Of<RobotConnected>().Source.ShouldBe(KrytenEventSource.Lifecycle);
        KrytenEventInfo.Of<ChatMessage>().Source.ShouldBe(KrytenEventSource.Cytube);
        Encoding.ASCII.GetString(KrytenWire.LifecycleSubjectPrefixUtf8).ShouldBe("kryten.lifecycle");
    }
}

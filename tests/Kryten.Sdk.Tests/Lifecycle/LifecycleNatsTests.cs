using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Lifecycle;

/// <summary>The lifecycle of a real client on a real nats-server, with plain NATS connections playing the bridge and other services.</summary>
public sealed partial class LifecycleNatsTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // TV-29 (wire-contract §8.7): the bridge's lifecycle payloads, byte for byte.
    private const string FirstStartup = """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.000412}""";
    private const string NatsConnected = """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.0051, "target": "NATS", "servers": ["nats://localhost:4222"]}""";
    private const string ReadyStartup = """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 2.731, "domain": "cytu.be", "channel": "420Grindhouse", "commands_enabled": true, "health_enabled": true}""";
    private const string Reconnected = """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 812.2, "target": "CyTube", "domain": "cytu.be", "channel": "420Grindhouse", "note": "Reconnected after: watchdog timeout (attempt 1)"}""";
    private const string Shutdown = """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 8100.5, "reason": "Normal shutdown"}""";
    private const string GroupRestart = """{"initiator": "admin", "reason": "Config update", "delay_seconds": 10, "timestamp": "2026-08-14T18:25:43.511286+00:00"}""";

    private KrytenOptions Options(string? service = "Echo.Bot", params string[] channels)
    {
        var options = TestClients.Options(channels);
        options.Nats.Servers = [nats.Url];
        if (service is not null) options.Service = new KrytenServiceOptions { Name = service, Version = "3.0.0", HealthPort = 28282, MetricsPort = 28282, HeartbeatInterval = TimeSpan.FromMilliseconds(300) };
        return options;
    }

    private async Task<NatsConnection> PeerAsync()
    {
        var peer = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        await peer.ConnectAsync();
        return peer;
    }

    /// <summary>Everything published on <paramref name="subject"/>, with when it arrived.</summary>
    private static async Task<(INatsSub<byte[]> Sub, ConcurrentQueue<(string Subject, string Body, TimeSpan At)> Seen)> WatchAsync(NatsConnection peer, string subject)
    {
        var clock = Stopwatch.StartNew();
        var seen = new ConcurrentQueue<(string, string, TimeSpan)>();
        var sub = await peer.SubscribeCoreAsync<byte[]>(subject, cancellationToken: Ct);
        _ = Task.Run(async () =>
        {
            await foreach (var m in sub.Msgs.ReadAllAsync())
                seen.Enqueue((m.Subject, Encoding.UTF8.GetString(m.Data ?? []), clock.Elapsed));
        });
        await peer.PingAsync(Ct);
        return (sub, seen);
    }

    private static async Task Until(Func<bool> condition, int seconds = 10)
    {
        for (var i = 0; i < seconds * 100 && !condition(); i++) await Task.Delay(10, Ct);
        condition().ShouldBeTrue();
    }

    // What varies between runs: the time, the host, the uptime. Each is checked, then replaced by a fixed stand-in.
    private static string Fixed(string payload)
    {
        var timestamp = Timestamp().Match(payload);
        timestamp.Success.ShouldBeTrue(payload);
        Regex.IsMatch(timestamp.Groups[1].Value, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$").ShouldBeTrue(timestamp.Groups[1].Value);
        payload.ShouldContain($"\"hostname\": \"{System.Net.Dns.GetHostName()}\"");
        Uptime().Match(payload).Groups[1].Value.ShouldMatch(@"^\d+(\.\d+)?(e-\d\d)?$");
        payload = Timestamp().Replace(payload, "\"timestamp\": \"2026-08-14T18:25:43.511286+00:00\"");
        payload = payload.Replace($"\"hostname\": \"{System.Net.Dns.GetHostName()}\"", "\"hostname\": \"server1\"", StringComparison.Ordinal);
        return Uptime().Replace(payload, "\"uptime_seconds\": 30.001");
    }

    [GeneratedRegex("\"timestamp\": \"([^\"]*)\"")]
    private static partial Regex Timestamp();

    [GeneratedRegex("\"uptime_seconds\": ([^,}]*)")]
    private static partial Regex Uptime();

    [Fact]
    public async Task Startup_heartbeats_and_shutdown_are_kryten_py_s_bytes_with_the_first_heartbeat_one_interval_in()
    {
        await using var peer = await PeerAsync();
        var (sub, seen) = await WatchAsync(peer, "kryten.lifecycle.echo-bot.>");
        var client = new KrytenClient(Options());
        var connecting = seen.Count;
        await client.ConnectAsync(Ct);
        await Until(() => seen.Count(s => s.Subject.EndsWith(".heartbeat", StringComparison.Ordinal)) >= 3);
        await client.DisposeAsync();
        await Until(() => seen.Any(s => s.Subject.EndsWith(".shutdown", StringComparison.Ordinal)));
        await sub.UnsubscribeAsync();

        connecting.ShouldBe(0);
        var messages = seen.ToList();
        messages[0].Subject.ShouldBe("kryten.lifecycle.echo-bot.startup");
        messages[^1].Subject.ShouldBe("kryten.lifecycle.echo-bot.shutdown");
        const string expected = """{"service": "echo-bot", "version": "3.0.0", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 30.001, "metadata": {"endpoints": {"health": {"port": 28282, "path": "/health"}, "metrics": {"port": 28282, "path": "/metrics"}}}}""";
        Fixed(messages[0].Body).ShouldBe(expected);
        Fixed(messages[1].Body).ShouldBe(expected);   // a heartbeat: the same base, no extra keys
        Fixed(messages[^1].Body).ShouldBe(expected[..^1] + """, "reason": "Normal shutdown"}""");

        var heartbeats = messages.Where(m => m.Subject.EndsWith(".heartbeat", StringComparison.Ordinal)).Select(m => m.At).ToList();
        // The first one an interval (300 ms) after the startup, not with it. Arrival times at the peer carry the
        // machine's scheduling delays, which can bring the two closer by some tens of milliseconds under load.
        (heartbeats[0] - messages[0].At).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(150));
        (heartbeats[2] - heartbeats[0]).ShouldBeInRange(TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task A_bridge_startup_and_a_discovery_poll_are_answered_with_a_startup()
    {
        await using var peer = await PeerAsync();
        var (sub, seen) = await WatchAsync(peer, "kryten.lifecycle.echo-bot.startup");
        await using var client = new KrytenClient(Options());
        await client.ConnectAsync(Ct);
        await Until(() => seen.Count == 1);

        await peer.PublishAsync("kryten.lifecycle.robot.startup", Encoding.UTF8.GetBytes(FirstStartup), cancellationToken: Ct);
        await Until(() => seen.Count == 2);
        await peer.PublishAsync("kryten.lifecycle.robot.startup", Encoding.UTF8.GetBytes(ReadyStartup), cancellationToken: Ct);
        await Until(() => seen.Count == 3);
        await peer.PublishAsync("kryten.service.discovery.poll", "{}"u8.ToArray(), cancellationToken: Ct);
        await Until(() => seen.Count == 4);
        await sub.UnsubscribeAsync();
    }

    [Fact]
    public async Task The_bridge_registry_lists_the_service_and_lists_it_again_after_the_bridge_restarts()
    {
        await using var registry = await BridgeRegistry.StartAsync(nats.Url);
        await using var bridge = await PeerAsync();
        await using var client = new KrytenClient(Options("registered-bot", "420Grindhouse"));
        await client.ConnectAsync(Ct);
        await Task.Delay(700, Ct);   // two heartbeats

        var listed = (await client.GetServicesAsync(cancellationToken: Ct)).Services.ShouldHaveSingleItem();
        (listed.Name, listed.Version, listed.Hostname, listed.HealthPort, listed.MetricsUrl, listed.IsStale)
            .ShouldBe(("registered-bot", "3.0.0", System.Net.Dns.GetHostName(), (int?)28282, $"http://{System.Net.Dns.GetHostName()}:28282/metrics", false));
        listed.HeartbeatCount.ShouldBeGreaterThanOrEqualTo(1);

        registry.Restart();   // the bridge process restarts: its registry is empty, and it announces itself
        (await client.GetServicesAsync(cancellationToken: Ct)).Services.ShouldBeEmpty();
        await bridge.PublishAsync("kryten.lifecycle.robot.startup", Encoding.UTF8.GetBytes(FirstStartup), cancellationToken: Ct);
        for (var i = 0; i < 100 && (await RegisteredNamesAsync(bridge)).Length < 2; i++) await Task.Delay(20, Ct);
        (await client.GetServicesAsync(cancellationToken: Ct)).Services.Select(s => s.Name).ShouldBe(["registered-bot", "robot"]);   // the bridge itself, and the bot again

        await client.StopAsync(Ct);
        (await RegisteredNamesAsync(bridge)).ShouldBe(["robot"]);   // the shutdown removed it
        // A heartbeat that falls between the restart and the re-announcement is refused, as the bridge refuses it;
        // every startup, the other heartbeats and the shutdown were accepted.
        registry.Refused.ShouldAllBe(r => r == "heartbeat from unregistered service registered-bot");
    }

    private static async Task<string[]> RegisteredNamesAsync(NatsConnection bridge)
    {
        var reply = await bridge.RequestAsync<byte[], byte[]>("kryten.robot.command", """{"service": "robot", "command": "system.services"}"""u8.ToArray(), cancellationToken: Ct);
        using var doc = System.Text.Json.JsonDocument.Parse(reply.Data!);
        return doc.RootElement.GetProperty("data").GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
    }

    [Fact]
    public async Task Discovery_collects_the_announcements_of_every_service_that_answers()
    {
        await using var one = new KrytenClient(Options("dice"));
        var withInstance = Options("dice");
        withInstance.Service!.InstanceId = "pod-2";
        await using var two = new KrytenClient(withInstance);
        await using var asking = new KrytenClient(Options(service: null));
        await one.ConnectAsync(Ct);
        await two.ConnectAsync(Ct);
        await asking.ConnectAsync(Ct);
        // A kryten-py service: answers any poll with its startup (services.md §3.5).
        await using var userstats = await PeerAsync();
        var polls = await userstats.SubscribeCoreAsync<byte[]>("kryten.service.discovery.poll", cancellationToken: Ct);
        _ = Task.Run(async () =>
        {
            await foreach (var _ in polls.Msgs.ReadAllAsync())
                await userstats.PublishAsync("kryten.lifecycle.userstats.startup", """{"service": "userstats", "version": "0.7.1", "hostname": "vm", "timestamp": "2026-12-06T23:48:06.471766+00:00", "uptime_seconds": 4e-06, "metadata": {"endpoints": {"health": {"port": 28282, "path": "/health"}, "metrics": {"port": 28282, "path": "/metrics"}}}}"""u8.ToArray(), cancellationToken: CancellationToken.None);
        }, Ct);
        await userstats.PingAsync(Ct);

        var found = await asking.DiscoverServicesAsync(TimeSpan.FromMilliseconds(500), Ct);

        found.Select(a => (a.Service, a.Version, a.InstanceId)).ShouldBe([("dice", "3.0.0", null), ("dice", "3.0.0", "pod-2"), ("userstats", "0.7.1", null)]);
        found[2].Metadata!.Value.GetProperty("endpoints").GetProperty("health").GetProperty("port").GetInt32().ShouldBe(28282);
        await polls.UnsubscribeAsync();
    }

    [Fact]
    public async Task The_bridge_s_lifecycle_reaches_handler_methods_and_lambdas_as_typed_records()
    {
        await using var peer = await PeerAsync();
        await using var client = new KrytenClient(Options(service: null, "420Grindhouse"));
        var watcher = new RobotWatcher();
        using var methods = client.AddHandlers(watcher);
        var notices = new ConcurrentQueue<GroupRestartNotice>();
        var nats = new ConcurrentQueue<RobotConnected>();
        using var lambda = client.On<GroupRestartNotice>(n => { notices.Enqueue(n); return Task.CompletedTask; });
        using var lambda2 = client.On<RobotConnected>(c => { if (!c.IsCytube) nats.Enqueue(c); return Task.CompletedTask; });
        await client.ConnectAsync(Ct);

        foreach (var (subject, body) in new[] { ("startup", FirstStartup), ("connected", NatsConnected), ("startup", ReadyStartup), ("connected", Reconnected), ("shutdown", Shutdown) })
            await peer.PublishAsync("kryten.lifecycle.robot." + subject, Encoding.UTF8.GetBytes(body), cancellationToken: Ct);
        await peer.PublishAsync("kryten.lifecycle.group.restart", Encoding.UTF8.GetBytes(GroupRestart), cancellationToken: Ct);
        await Until(() => watcher.Seen.Count == 4 && notices.Count == 1 && nats.Count == 1);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        watcher.Seen.ShouldBe([
            "startup:1.12.4:ready=False::robot.startup",
            "startup:1.12.4:ready=True:420Grindhouse:robot.startup",
            "connected:CyTube:reconnect=True:Reconnected after: watchdog timeout (attempt 1):cytu.be",
            "shutdown:Normal shutdown:8100.5",
        ], ignoreOrder: true);
        nats.ShouldHaveSingleItem().Servers.ShouldBe(["nats://localhost:4222"]);
        var notice = notices.ShouldHaveSingleItem();
        (notice.Initiator, notice.Reason, notice.DelaySeconds, notice.Timestamp).ShouldBe(("admin", "Config update", 10.0, "2026-08-14T18:25:43.511286+00:00"));
        client.Health().EventsMalformed.ShouldBe(0);
    }

    [Fact]
    public async Task A_goodbye_from_the_stopping_hook_reaches_the_wire_when_SIGTERM_ends_the_run()
    {
        await using var peer = await PeerAsync();
        var (sub, seen) = await WatchAsync(peer, ">");
        var options = Options("goodbye-bot", "420Grindhouse");
        options.HandleShutdownSignals = true;
        await using var client = new KrytenClient(options);
        using var goodbye = client.OnStopping(ct => client.SayAsync("EchoBot signing off", cancellationToken: ct).AsTask());
        var run = client.RunAsync(Ct);
        await Until(() => seen.Any(s => s.Subject == "kryten.lifecycle.goodbye-bot.startup"));

        client.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));   // what the SDK's SIGTERM registration calls
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Until(() => seen.Any(s => s.Subject == "kryten.lifecycle.goodbye-bot.shutdown"));
        await sub.UnsubscribeAsync();

        var order = seen.Select(s => s.Subject).Where(s => s is "kryten.robot.command" || s.StartsWith("kryten.lifecycle.goodbye-bot", StringComparison.Ordinal)).ToList();
        order[^2].ShouldBe("kryten.robot.command");
        order[^1].ShouldBe("kryten.lifecycle.goodbye-bot.shutdown");
        var say = seen.Single(s => s.Subject == "kryten.robot.command").Body;
        say.ShouldContain("\"command\":\"say\"");
        say.ShouldContain("\"message\":\"EchoBot signing off\"");
        say.ShouldContain("\"channel\":\"420Grindhouse\"");
    }
}

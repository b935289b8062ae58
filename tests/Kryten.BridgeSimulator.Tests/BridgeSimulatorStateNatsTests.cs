using System.Net;
using System.Text;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Sdk;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Shouldly;
using Xunit;
using static Kryten.BridgeSimulator.Tests.BridgeStateKvTests;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The simulator as a bot sees it on a real nats-server with JetStream: the channel's KV buckets with the bridge's
/// settings and bytes after a session, <c>state.*</c> answered from the same state, the robot's lifecycle messages in
/// the bridge's order, and the service registry across a bridge restart.
/// </summary>
public sealed class BridgeSimulatorStateNatsTests : BridgeSimulatorHarness
{
    private const string Rick = """{"media": {"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}""";
    private const string Heat = """{"media": {"id": "x7tgad0", "title": "Heat (1995) - Bank Scene", "seconds": 597, "duration": "09:57", "type": "dm", "meta": {}}, "uid": 18, "temp": false, "queueby": ""}""";
    private const string Heat19 = """{"media": {"id": "x7tgad0", "title": "Heat (1995) - Bank Scene", "seconds": 597, "duration": "09:57", "type": "dm", "meta": {}}, "uid": 19, "temp": false, "queueby": "alice"}""";
    private const string Alice = """{"name": "alice", "rank": 3, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""";
    private const string Bob = """{"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""";

    // socket.gethostname() as json.dumps writes it.
    private static readonly string HostJson = new PythonJsonWriter().String(Dns.GetHostName()).ToString();

    private static readonly string[] Session =
    [
        Line("userlist", $"[{Alice}, {Bob}]"),
        Line("emoteList", VectorPayload("emoteList/three").Bytes),
        Line("setMotd", VectorPayload("setMotd/html").Bytes),
        Line("playlist", $"[{Rick}, {Heat}]"),
        Line("setCurrent", "17"),
        Line("changeMedia", VectorPayload("changeMedia/lead-in-no-uid").Bytes),
        Line("queue", VectorPayload("queue/after-prepend").Bytes),
        Line("setUserRank", """{"name": "bob", "rank": 2}"""),
        Line("channelCSSJS", """{"css": "", "cssHash": "", "js": "x()", "jsHash": ""}"""),
        Line("delete", """{"uid": 0}"""),
        Line("usercount", "2"),
    ];

    [Fact]
    public async Task After_a_session_the_buckets_hold_the_bridges_bytes_bugs_included()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync(Session, cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var last = await SubscribeAsync(peer, $"{KrytenWire.EventSubjectPrefix}.chan_kv.usercount", cancellation);

        await using (StartBridge("Chan_KV", cancellation))
        {
            await NextMessageAsync(last, cancellation);

            var kv = new NatsKVContext(new NatsJSContext(peer));
            (await ValueAsync(kv, "kryten_Chan_KV_emotes", "list")).ShouldBe(Encoding.ASCII.GetBytes(VectorPayload("emoteList/three").Bytes));
            // The queued item said "after": "prepend" and went to the end, as in the bridge.
            Encoding.ASCII.GetString(await ValueAsync(kv, "kryten_Chan_KV_playlist", "items"))
                .ShouldBe($"[{Rick}, {Heat}, {Heat19}]");
            Encoding.ASCII.GetString(await ValueAsync(kv, "kryten_Chan_KV_playlist", "current"))
                .ShouldBe(VectorPayload("changeMedia/lead-in-no-uid").Bytes[..^1] + ", \"uid\": 17}");
            Encoding.ASCII.GetString(await ValueAsync(kv, "kryten_Chan_KV_userlist", "users")).ShouldBe($$"""[{{Alice}}, {"name": "bob", "rank": 2}]""");
            (await ValueAsync(kv, "kryten_Chan_KV_state", "motd")).ShouldBe("<h1>Welcome!</h1><p>Be nice &amp; have fun — ☮</p>"u8.ToArray());
            (await ValueAsync(kv, "kryten_Chan_KV_state", "css")).ShouldBeEmpty();
            (await ValueAsync(kv, "kryten_Chan_KV_state", "js")).ShouldBe("x()"u8.ToArray());

            // state.* comes from the copy the buckets were written from.
            (await RequestAsync(peer, """{"service": "robot", "command": "state.playlist"}""", cancellation))
                .ShouldBe("""{"service": "robot", "command": "state.playlist", "success": true, "data": {"playlist": """ +
                          Encoding.ASCII.GetString(await ValueAsync(kv, "kryten_Chan_KV_playlist", "items")) + "}}");
        }
    }

    [Fact]
    public async Task The_buckets_and_their_values_outlive_a_bridge_restart()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([Line("setMotd", "\"first run\""), Line("usercount", "1")], cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var last = await SubscribeAsync(peer, $"{KrytenWire.EventSubjectPrefix}.chan_again.usercount", cancellation);
        await using var ready = await SubscribeAsync(peer, "kryten.lifecycle.robot.startup", cancellation);
        var kv = new NatsKVContext(new NatsJSContext(peer));

        await using var bridge = StartBridge("Chan_Again", cancellation);
        await NextMessageAsync(last, cancellation);
        await WriteSessionAsync([Line("channelCSSJS", """{"css": "b { }", "js": ""}"""), Line("usercount", "1")], cancellation);
        await bridge.RestartAsync();
        await ReadyAsync(ready, cancellation);
        await ReadyAsync(ready, cancellation);
        await NextMessageAsync(last, cancellation);

        (await ValueAsync(kv, "kryten_Chan_Again_state", "motd")).ShouldBe("first run"u8.ToArray());
        (await ValueAsync(kv, "kryten_Chan_Again_state", "css")).ShouldBe("b { }"u8.ToArray());
        // The restarted bridge's own copy starts empty, as a restarted process's does, until CyTube sends the MOTD again.
        (await RequestAsync(peer, """{"service": "robot", "command": "state.motd"}""", cancellation))
            .ShouldBe("""{"service": "robot", "command": "state.motd", "success": true, "data": {"motd": ""}}""");
    }

    [Fact]
    public async Task Buckets_are_created_with_the_bridges_settings_and_an_existing_one_is_bound_not_recreated()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([Line("usercount", "1")], cancellation);
        await using var peer = await ConnectPeerAsync();
        var js = new NatsJSContext(peer);
        await new NatsKVContext(js).CreateStoreAsync(new NatsKVConfig("kryten_Chan_Cfg_emotes") { Description = "made by someone else" }, cancellation);
        await using var last = await SubscribeAsync(peer, $"{KrytenWire.EventSubjectPrefix}.chan_cfg.usercount", cancellation);

        await using (StartBridge("Chan_Cfg", cancellation))
        {
            await NextMessageAsync(last, cancellation);

            (await js.GetStreamAsync("KV_kryten_Chan_Cfg_emotes", cancellationToken: cancellation)).Info.Config.Description.ShouldBe("made by someone else");
            foreach (var (bucket, description, maxValueSize) in new[]
                     {
                         ("playlist", "Kryten Chan_Cfg playlist", 10 * 1024 * 1024),
                         ("userlist", "Kryten Chan_Cfg users", 1024 * 1024),
                         ("state", "Kryten Chan_Cfg admin state", 1024 * 1024),
                     })
            {
                var config = (await js.GetStreamAsync($"KV_kryten_Chan_Cfg_{bucket}", cancellationToken: cancellation)).Info.Config;
                config.Subjects.ShouldBe([$"$KV.kryten_Chan_Cfg_{bucket}.>"]);
                (config.Description, config.MaxMsgSize, config.MaxMsgsPerSubject, config.MaxBytes, config.MaxAge, config.NumReplicas)
                    .ShouldBe((description, maxValueSize, 1L, -1L, TimeSpan.Zero, 1));
                (config.Storage, config.Discard, config.DenyDelete, config.AllowRollupHdrs, config.AllowDirect, config.DuplicateWindow)
                    .ShouldBe((StreamConfigStorage.File, StreamConfigDiscard.New, true, true, false, TimeSpan.FromMinutes(2)));
            }
        }
    }

    [Fact]
    public async Task Lifecycle_startup_twice_and_connected_on_start_disconnected_and_shutdown_on_a_graceful_stop_only()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([], cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var robot = await SubscribeAsync(peer, "kryten.lifecycle.robot.>", cancellation);

        await using (var bridge = StartBridge("Chan_Life", cancellation))
        {
            await ExpectStartAsync(robot, cancellation);

            await bridge.RestartAsync(graceful: false);
            // Killed: the next message is the new run's first startup.
            await ExpectStartAsync(robot, cancellation);
        }

        (await NextAsync(robot, cancellation)).ShouldBe(("kryten.lifecycle.robot.disconnected", """, "target": "CyTube", "reason": "Graceful shutdown"}"""));
        (await NextAsync(robot, cancellation)).ShouldBe(("kryten.lifecycle.robot.shutdown", """, "reason": "Normal shutdown"}"""));
    }

    private async Task ExpectStartAsync(INatsSub<byte[]> robot, CancellationToken cancellation)
    {
        (await NextAsync(robot, cancellation)).ShouldBe(("kryten.lifecycle.robot.startup", "}"));
        (await NextAsync(robot, cancellation)).ShouldBe(("kryten.lifecycle.robot.connected", $$""", "target": "NATS", "servers": ["{{Server.Url}}"]}"""));
        (await NextAsync(robot, cancellation)).ShouldBe(("kryten.lifecycle.robot.connected", """, "target": "CyTube", "domain": "cytu.be", "channel": "Chan_Life"}"""));
        (await NextAsync(robot, cancellation)).ShouldBe(("kryten.lifecycle.robot.startup", """, "domain": "cytu.be", "channel": "Chan_Life", "commands_enabled": true, "health_enabled": false}"""));
    }

    [Fact]
    public async Task The_registry_lists_announced_services_and_forgets_them_when_the_bridge_restarts()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([], cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var ready = await SubscribeAsync(peer, "kryten.lifecycle.robot.startup", cancellation);
        var echobot = """{"service": "echobot", "version": "0.1.0", "hostname": "h", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.1}""";

        await using var bridge = StartBridge("Chan_Reg", cancellation);
        await ReadyAsync(ready, cancellation);
        await peer.PublishAsync("kryten.lifecycle.echobot.startup", Encoding.UTF8.GetBytes(echobot), cancellationToken: cancellation);
        await peer.PublishAsync("kryten.lifecycle.echobot.heartbeat", """{"service": "echobot", "timestamp": "2026-08-14T18:26:13.511286+00:00"}"""u8.ToArray(), cancellationToken: cancellation);

        var services = await ServicesAsync(peer, s => s.Contains("\"heartbeat_count\": 1", StringComparison.Ordinal), cancellation);
        services.ShouldContain("\"count\": 2");
        services.ShouldContain("{\"name\": \"echobot\", \"version\": \"0.1.0\", \"hostname\": \"h\", \"first_seen\": \"2026-08-14T18:25:43.511286+00:00\", \"last_heartbeat\": \"2026-08-14T18:26:13.511286+00:00\"");
        services.ShouldContain("\"metadata\": " + echobot + "}");
        services.ShouldContain("{\"name\": \"robot\", \"version\": \"1.12.4\"");

        await bridge.RestartAsync();
        await ReadyAsync(ready, cancellation);
        (await ServicesAsync(peer, _ => true, cancellation)).ShouldEndWith("], \"count\": 1, \"active_count\": 1}}");

        await peer.PublishAsync("kryten.lifecycle.echobot.startup", Encoding.UTF8.GetBytes(echobot), cancellationToken: cancellation);
        (await ServicesAsync(peer, s => s.Contains("\"count\": 2", StringComparison.Ordinal), cancellation)).ShouldContain("\"heartbeat_count\": 0");
    }

    [Fact]
    public async Task System_shutdown_and_a_group_restart_notice_end_the_run_gracefully()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([], cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var ready = await SubscribeAsync(peer, "kryten.lifecycle.robot.startup", cancellation);
        await using var shutdown = await SubscribeAsync(peer, "kryten.lifecycle.robot.shutdown", cancellation);

        await using (var bridge = StartBridge("Chan_Stop", cancellation))
        {
            await ReadyAsync(ready, cancellation);
            (await RequestAsync(peer, """{"service": "robot", "command": "system.shutdown", "reason": "test"}""", cancellation))
                .ShouldContain("\"message\": \"Shutdown initiated\", \"delay_seconds\": 0");
            await bridge.Run.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
            await NextMessageAsync(shutdown, cancellation);

            await bridge.RestartAsync();
            await ReadyAsync(ready, cancellation);
            await peer.PublishAsync("kryten.lifecycle.group.restart", """{"initiator": "admin", "reason": "test", "delay_seconds": 0}"""u8.ToArray(), cancellationToken: cancellation);
            await bridge.Run.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
            await NextMessageAsync(shutdown, cancellation);
        }
    }

    [Fact]
    public async Task A_channel_that_cannot_name_buckets_runs_without_state_and_without_the_state_handler()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([Line("usercount", "1")], cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var last = await SubscribeAsync(peer, $"{KrytenWire.EventSubjectPrefix}.lounge-test.usercount", cancellation);

        await using (StartBridge("Lounge Test", cancellation))
        {
            await NextMessageAsync(last, cancellation);

            (await new NatsJSContext(peer).ListStreamNamesAsync(cancellationToken: cancellation).ToListAsync(cancellation)).ShouldBeEmpty();
            await Should.ThrowAsync<NatsNoReplyException>(() => RequestAsync(peer, """{"service": "robot", "command": "state.css"}""", cancellation, TimeSpan.FromSeconds(1)));
        }
    }

    internal static string Line(string eventName, string payload) => $$"""{"after_ms": 0, "event": "{{eventName}}", "payload": {{payload}}}""";

    internal static async Task<NatsMsg<byte[]>> NextMessageAsync(INatsSub<byte[]> subscription, CancellationToken cancellation) =>
        await subscription.Msgs.ReadAsync(cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(20), cancellation);

    private static async Task<byte[]> ValueAsync(NatsKVContext kv, string bucket, string key)
    {
        var store = await kv.GetStoreAsync(bucket);
        return (await store.GetEntryAsync<byte[]>(key)).Value ?? [];
    }

    internal static async Task<string> RequestAsync(NatsConnection peer, string request, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        var reply = await peer.RequestAsync<byte[], byte[]>(KrytenWire.CommandSubject, Encoding.UTF8.GetBytes(request),
            replyOpts: new NatsSubOpts { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, cancellationToken: cancellation);
        return Encoding.ASCII.GetString(reply.Data ?? []);
    }

    // The registry and the state handler read different subscriptions, so an announcement shows up a moment later.
    private static async Task<string> ServicesAsync(NatsConnection peer, Func<string, bool> until, CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var services = await RequestAsync(peer, """{"service": "robot", "command": "system.services"}""", cancellation);
            if (until(services) || attempt == 50) return services;
            await Task.Delay(100, cancellation);
        }
    }

    // Waits for the ready startup (the one with a channel); the first startup comes before the bridge listens.
    internal static async Task ReadyAsync(INatsSub<byte[]> startups, CancellationToken cancellation)
    {
        while (!Encoding.ASCII.GetString((await NextMessageAsync(startups, cancellation)).Data ?? []).Contains("\"channel\"", StringComparison.Ordinal))
        {
        }
    }

    // The next lifecycle message: its subject and what follows the base payload, after checking the base.
    internal static async Task<(string Subject, string Extra)> NextAsync(INatsSub<byte[]> messages, CancellationToken cancellation)
    {
        var msg = await NextMessageAsync(messages, cancellation);
        var text = Encoding.ASCII.GetString(msg.Data ?? []);
        text.ShouldStartWith($$"""{"service": "robot", "version": "1.12.4", "hostname": {{HostJson}}, "timestamp": """);
        var uptime = text.IndexOf("\"uptime_seconds\": ", StringComparison.Ordinal) + "\"uptime_seconds\": ".Length;
        var end = text.IndexOfAny([',', '}'], uptime);
        double.Parse(text[uptime..end], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(0);
        return (msg.Subject, text[end..]);
    }
}

using System.Text;
using Kryten.BridgeSimulator.Lifecycle;
using Kryten.BridgeSimulator.State;
using Shouldly;
using Xunit;
using static Kryten.BridgeSimulator.Tests.BridgeStateKvTests;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The bridge's state handler (wire-contract §4.1–4.2): <c>state.*</c> answered from the same copy of the channel the
/// KV writes come from, <c>system.*</c> in its own shapes, and its error replies, which keep the <c>command</c> key.
/// </summary>
public sealed class StateQueryResponderTests
{
    private const string Users = """[{"name": "alice", "rank": 3, "profile": {"image": "https://i.imgur.com/x.png", "text": "hi"}, "meta": {"afk": false, "muted": false}}, {"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": true, "muted": false}}]""";

    [Fact]
    public void State_queries_answer_what_the_buckets_hold()
    {
        var state = new ChannelState();
        var items = state.Apply("playlist", VectorPayload("playlist/two-items").Payload).Single().Value;
        var users = state.Apply("userlist", Json(Users)).Single().Value;
        var emotes = state.Apply("emoteList", VectorPayload("emoteList/three").Payload).Single().Value;
        var responder = Responder(state);

        Reply(responder, "state.playlist").ShouldBe(Success("state.playlist", """{"playlist": """ + Encoding.ASCII.GetString(items) + "}"));
        Reply(responder, "state.userlist").ShouldBe(Success("state.userlist", """{"userlist": """ + Encoding.ASCII.GetString(users) + "}"));
        Reply(responder, "state.emotes").ShouldBe(Success("state.emotes", """{"emotes": """ + Encoding.ASCII.GetString(emotes) + "}"));
        Reply(responder, "state.all").ShouldBe(Success("state.all", $$$"""{"emotes": {{{Encoding.ASCII.GetString(emotes)}}}, "playlist": {{{Encoding.ASCII.GetString(items)}}}, "userlist": {{{Encoding.ASCII.GetString(users)}}}, "stats": {"emote_count": 3, "playlist_count": 2, "user_count": 2}}"""));
    }

    [Fact]
    public void Admin_state_is_json_text_here_and_empty_strings_before_any_event()
    {
        var state = new ChannelState();
        var responder = Responder(state);
        Reply(responder, "state.css").ShouldBe(Success("state.css", """{"css": ""}"""));

        state.Apply("setMotd", VectorPayload("setMotd/html").Payload);
        state.Apply("channelCSSJS", Json("""{"css": "a { }", "js": "x()"}"""));

        Reply(responder, "state.motd").ShouldBe(Success("state.motd", """{"motd": "<h1>Welcome!</h1><p>Be nice &amp; have fun \u2014 \u262e</p>"}"""));
        Reply(responder, "state.js").ShouldBe(Success("state.js", """{"js": "x()"}"""));
        Reply(responder, "state.options").ShouldBe(Success("state.options", """{"options": {}}"""));
        Reply(responder, "state.permissions").ShouldBe(Success("state.permissions", """{"permissions": {}}"""));
    }

    [Fact]
    public void State_user_is_an_exact_name_lookup_and_profiles_skip_empty_ones()
    {
        var state = new ChannelState();
        state.Apply("userlist", Json(Users));
        state.Apply("setUserRank", Json("""{"name": "bob", "rank": 2}"""));
        var responder = Responder(state);

        Reply(responder, "state.user", """, "username": "alice" """).ShouldBe(Success("state.user", """{"user": {"name": "alice", "rank": 3, "profile": {"image": "https://i.imgur.com/x.png", "text": "hi"}, "meta": {"afk": false, "muted": false}}, "profile": {"image": "https://i.imgur.com/x.png", "text": "hi"}}"""));
        Reply(responder, "state.user", """, "username": "bob" """).ShouldBe(Success("state.user", """{"user": {"name": "bob", "rank": 2}, "profile": {}}"""));
        Reply(responder, "state.user", """, "username": "Alice" """).ShouldBe(Success("state.user", """{"user": null, "profile": null}"""));
        Reply(responder, "state.user").ShouldBe("""{"service": "robot", "command": "state.user", "success": false, "error": "username required"}""");
        Reply(responder, "state.profiles").ShouldBe(Success("state.profiles", """{"profiles": {"alice": {"image": "https://i.imgur.com/x.png", "text": "hi"}}}"""));
    }

    [Fact]
    public void State_all_fails_as_the_bridge_does_on_a_rank_that_is_not_a_number()
    {
        var state = new ChannelState();
        state.Apply("setUserRank", Json("""{"name": "bob"}"""));

        Reply(Responder(state), "state.all").ShouldBe("""{"service": "robot", "command": "state.all", "success": false, "error": "'<' not supported between instances of 'NoneType' and 'int'"}""");
    }

    [Fact]
    public void System_services_lists_the_registry()
    {
        var registry = new ServiceRegistry(FixedTime.Instance);
        registry.Observe("startup", """{"service": "echobot", "version": "0.1.0", "hostname": "h", "timestamp": "2026-08-14T18:25:40.511286+00:00"}"""u8);

        Reply(Responder(new ChannelState(), registry), "system.services").ShouldBe(Success("system.services",
            """{"services": [{"name": "echobot", "version": "0.1.0", "hostname": "h", "first_seen": "2026-08-14T18:25:40.511286+00:00", "last_heartbeat": "2026-08-14T18:25:40.511286+00:00", "last_startup": "2026-08-14T18:25:40.511286+00:00", "heartbeat_count": 0, "seconds_since_heartbeat": 3.0, "is_stale": false, "health_port": null, "health_path": "/health", "health_url": null, "metrics_port": null, "metrics_path": "/metrics", "metrics_url": null, "metadata": {"service": "echobot", "version": "0.1.0", "hostname": "h", "timestamp": "2026-08-14T18:25:40.511286+00:00"}}], "count": 1, "active_count": 1}"""));
    }

    [Fact]
    public void System_queries_have_the_state_handlers_shapes()
    {
        var responder = Responder(new ChannelState());

        Reply(responder, "system.version").ShouldBe(Success("system.version", """{"version": "1.12.4"}"""));
        Reply(responder, "system.channels").ShouldBe(Success("system.channels", """{"channels": [{"domain": "cytu.be", "channel": "420Grindhouse", "connected": true}]}"""));
        Reply(responder, "system.ping").ShouldBe(Success("system.ping", """{"pong": true, "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.0, "service": "robot", "version": "1.12.4"}"""));
        Reply(responder, "system.config").ShouldBe(Success("system.config", """{"cytube": {"domain": "cytu.be", "channel": "420Grindhouse", "user": "KrytenBot", "password": "***REDACTED***"}, "nats": {"servers": ["nats://127.0.0.1:4222"], "user": null, "password": null, "max_reconnect_attempts": 10, "reconnect_time_wait": 2}, "health": {"enabled": false, "host": "0.0.0.0", "port": 8080}, "commands": {"enabled": true}, "logging": {"base_path": "./logs", "admin_operations": "admin-operations.log", "playlist_operations": "playlist-operations.log", "chat_messages": "chat-messages.log", "command_audit": "command-audit.log"}, "log_level": "INFO"}"""));
        // Counted after each reply: four answered so far, none failed, and this one not yet.
        Reply(responder, "system.health").ShouldBe(Success("system.health", """{"service": "robot", "status": "healthy", "domain": "cytu.be", "channel": "420Grindhouse", "nats_connected": true, "queries_processed": 4, "queries_failed": 0}"""));
    }

    [Fact]
    public void System_shutdown_replies_then_asks_for_a_graceful_shutdown_after_the_truncated_delay()
    {
        var outcome = Responder(new ChannelState()).Handle("""{"service": "robot", "command": "system.shutdown", "delay_seconds": "2.9", "reason": "test"}"""u8);

        Encoding.ASCII.GetString(outcome.Reply!).ShouldBe(Success("system.shutdown", """{"success": true, "message": "Shutdown initiated", "delay_seconds": 2, "shutdown_time": "2026-08-14T18:25:45.511286+00:00", "reason": "test"}"""));
        outcome.ShutdownAfter.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData("""{"delay_seconds": "soon"}""", "delay_seconds must be a number")]
    [InlineData("""{"delay_seconds": 301}""", "delay_seconds must be between 0 and 300")]
    [InlineData("""{"delay_seconds": "-1"}""", "delay_seconds must be between 0 and 300")]
    [InlineData("""{"delay_seconds": "nan"}""", "cannot convert float NaN to integer")]
    public void System_shutdown_refuses_a_bad_delay(string request, string error)
    {
        var outcome = Responder(new ChannelState()).Handle(Encoding.UTF8.GetBytes(request[..^1] + """, "command": "system.shutdown"}"""));

        Encoding.ASCII.GetString(outcome.Reply!).ShouldBe($$"""{"service": "robot", "command": "system.shutdown", "success": false, "error": "{{error}}"}""");
        outcome.ShutdownAfter.ShouldBeNull();
    }

    [Theory]
    [InlineData("", """{"service": "robot", "command": "unknown", "success": false, "error": "Missing 'command' field"}""")]
    [InlineData("""{"command": ""}""", """{"service": "robot", "command": "", "success": false, "error": "Missing 'command' field"}""")]
    [InlineData("""{"command": ["state.css"]}""", """{"service": "robot", "command": ["state.css"], "success": false, "error": "unhashable type: 'list'"}""")]
    public void Malformed_requests_get_the_state_handlers_error_reply(string request, string reply) =>
        Encoding.ASCII.GetString(Responder(new ChannelState()).Handle(Encoding.UTF8.GetBytes(request)).Reply!).ShouldBe(reply);

    [Theory]
    [InlineData("""{"command": "say", "service": "robot"}""")]
    [InlineData("""{"command": "state.css", "service": "system"}""")]
    [InlineData("""{"command": "system.stats"}""")]
    [InlineData("""{"command": "system.reload"}""")]
    [InlineData("""["state.css"]""")]
    public void Requests_for_the_robot_handler_or_another_service_get_no_reply_from_it(string request) =>
        Responder(new ChannelState()).Handle(Encoding.UTF8.GetBytes(request)).Reply.ShouldBeNull();

    [Fact]
    public void It_answers_whatever_meta_says() =>
        Reply(Responder(new ChannelState()), "system.version", """, "meta": {"domain": "other.example", "channel": "Elsewhere"}""")
            .ShouldBe(Success("system.version", """{"version": "1.12.4"}"""));

    private static StateQueryResponder Responder(ChannelState state, ServiceRegistry? registry = null) =>
        new(new BridgeConfig(BridgeSimulatorCommandTests.Bridge, ["nats://127.0.0.1:4222"]), state, registry ?? new ServiceRegistry(FixedTime.Instance),
            FixedTime.Instance, FixedTime.Instance.GetTimestamp());

    private static string Reply(StateQueryResponder responder, string command, string rest = "") =>
        Encoding.ASCII.GetString(responder.Handle(Encoding.UTF8.GetBytes($$"""{"service": "robot", "command": "{{command}}"{{rest}}}""")).Reply.ShouldNotBeNull());

    private static string Success(string command, string data) => $$"""{"service": "robot", "command": "{{command}}", "success": true, "data": {{data}}}""";
}

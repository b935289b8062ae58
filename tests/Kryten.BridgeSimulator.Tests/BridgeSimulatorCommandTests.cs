using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// Every command string of wire-contract §3.3 against the simulator's robot handler: the success reply and its data,
/// each argument error, the quirks the table documents, aliases, and silence for what the bridge ignores.
/// </summary>
public sealed class BridgeSimulatorCommandTests
{
    private const string Ok = """{"success": true}""";

    /// <summary>command, one more request key as <c>key: json</c>, the reply's data ("ENVELOPE" = the event the simulator published).</summary>
    public static TheoryData<string, string, string> EveryCommand() => new()
    {
        { "say", """args: {"message": "hi"}""", Ok },
        { "pm", """args: {"username": "alice", "message": "hi"}""", Ok },
        { "mute", """args: {"username": "spammer"}""", Ok },
        { "smute", """args: {"username": "spammer"}""", Ok },
        { "kick", """args: {"username": "spammer", "reason": "spam"}""", Ok },
        { "ban", """args: {"username": "troll", "reason": "spam"}""", Ok },
        { "unkick", """args: {"username": "bob"}""", """{"error": "Not implemented in handler yet"}""" },
        { "addvideo", """args: {"type": "yt", "id": "dQw4w9WgXcQ", "pos": "end", "temp": true}""", """{"success": true, "uid": 1}""" },
        { "rmvideo", """args: {"uid": 17}""", Ok },
        { "mvvideo", """args: {"from": 18, "after": "prepend"}""", Ok },
        { "jump", """args: {"uid": "18"}""", Ok },
        { "clear", """args: {}""", Ok },
        { "shuffle", """args: {}""", Ok },
        { "settemp", """args: {"uid": 18, "temp": false}""", Ok },
        { "pause", """args: {}""", Ok },
        { "play", """args: {}""", Ok },
        { "seek", """args: {"time": 42.5}""", Ok },
        { "voteskip", """args: {}""", Ok },
        { "assignLeader", """args: {"name": "alice"}""", Ok },
        { "playNext", """args: {}""", Ok },
        { "setMotd", """args: {"motd": "<h1>Welcome!</h1>"}""", Ok },
        { "set_motd", """args: {"motd": "<h1>Welcome!</h1>"}""", Ok },
        { "setChannelCSS", """args: {"css": "a { color: red; }"}""", Ok },
        { "set_channel_css", """args: {"css": "a { color: red; }"}""", Ok },
        { "setChannelJS", """args: {"js": "console.log(1);"}""", Ok },
        { "set_channel_js", """args: {"js": "console.log(1);"}""", Ok },
        { "setOptions", """args: {"options": {"allow_voteskip": true}}""", Ok },
        { "set_options", """args: {"options": {"allow_voteskip": true}}""", Ok },
        { "setPermissions", """args: {"permissions": {"chat": 1}}""", Ok },
        { "set_permissions", """args: {"permissions": {"chat": 1}}""", Ok },
        { "updateEmote", """args: {"name": ":wave:", "image": "https://i.imgur.com/wave01.png"}""", Ok },
        { "update_emote", """args: {"name": ":wave:", "image": "https://i.imgur.com/wave01.png"}""", Ok },
        { "removeEmote", """args: {"name": ":wave:"}""", Ok },
        { "remove_emote", """args: {"name": ":wave:"}""", Ok },
        { "addFilter", """args: {"name": "nohello", "source": "\\bhello\\b"}""", Ok },
        { "add_filter", """args: {"name": "nohello", "source": "\\bhello\\b"}""", Ok },
        { "updateFilter", """args: {"name": "nohello", "source": "\\bhello\\b", "active": false}""", Ok },
        { "update_filter", """args: {"name": "nohello", "source": "\\bhello\\b", "active": false}""", Ok },
        { "removeFilter", """args: {"name": "nohello"}""", Ok },
        { "remove_filter", """args: {"name": "nohello"}""", Ok },
        { "newPoll", """args: {"title": "Next movie?", "options": ["Alien", "Heat"], "timeout": 120}""", Ok },
        { "new_poll", """args: {"title": "Next movie?", "options": ["Alien", "Heat"], "timeout": 120}""", Ok },
        { "vote", """args: {"option": 1}""", Ok },
        { "closePoll", """args: {}""", Ok },
        { "close_poll", """args: {}""", Ok },
        { "setChannelRank", """args: {"username": "bob", "rank": 2}""", Ok },
        { "set_channel_rank", """args: {"username": "bob", "rank": 2}""", Ok },
        { "requestChannelRanks", """args: {}""", """{"ranks": ENVELOPE}""" },
        { "request_channel_ranks", """args: {}""", """{"ranks": ENVELOPE}""" },
        { "requestBanlist", """args: {}""", """{"banlist": ENVELOPE}""" },
        { "request_banlist", """args: {}""", """{"banlist": ENVELOPE}""" },
        { "unban", """args: {"ban_id": 42, "username": "troll"}""", Ok },
        { "readChanLog", """args: {"count": 50}""", """{"log": ENVELOPE}""" },
        { "read_chan_log", """args: {"count": 50}""", """{"log": ENVELOPE}""" },
        { "searchLibrary", """args: {"query": "rick"}""", """{"results": ENVELOPE}""" },
        { "search_library", """args: {"query": "rick"}""", """{"results": ENVELOPE}""" },
        { "deleteFromLibrary", """args: {"media_id": "dQw4w9WgXcQ"}""", Ok },
        { "delete_from_library", """args: {"media_id": "dQw4w9WgXcQ"}""", Ok },
        { "restart", """args: {}""", """{"message": "Restarting connection"}""" },
        { "halt", """args: {}""", """{"message": "Halting connection"}""" },
        { "reconnect", """args: {}""", """{"message": "Reconnecting"}""" },
        {
            "system.ping", """meta: {"source": "t"}""",
            """{"pong": true, "service": "robot", "version": "1.12.4", "uptime_seconds": 0.0, "timestamp": "2026-08-14T18:25:43.511286+00:00", "cytube_connected": true, "channel": "420Grindhouse", "domain": "cytu.be"}"""
        },
        {
            "system.health", """meta: {"source": "t"}""",
            """{"service": "robot", "status": "healthy", "version": "1.12.4", "uptime_seconds": 0.0, "nats_connected": true, "nats_reconnect_count": 0, "cytube_connected": true, "channel": "420Grindhouse", "domain": "cytu.be"}"""
        },
        {
            "system.stats", """meta: {"source": "t"}""",
            """{"service": "robot", "version": "1.12.4", "uptime_seconds": 0.0, "commands_processed": 1, "messages_published": 0, "bytes_sent": 0, "nats_errors": 0, "events_published": 0}"""
        },
        { "playlist.move", """payload: {"from_uid": 18, "after_uid": "prepend"}""", """{"status": "sent", "from_uid": 18, "after_uid": "prepend"}""" },
        { "playlist.queue", """payload: {"item": {"type": "yt", "id": "dQw4w9WgXcQ", "title": "Never Gonna Give You Up"}}""", """{"status": "sent", "title": "Never Gonna Give You Up"}""" },
        { "playlist.delete", """payload: {"uid": 17}""", """{"status": "sent", "uid": 17}""" },
    };

    [Fact]
    public void The_table_has_the_67_command_strings_of_the_contract_and_the_theory_covers_each()
    {
        var table = CommandTable.Bridge.Commands.Order(StringComparer.Ordinal).ToList();
        table.Count.ShouldBe(67);
        table.ShouldBe(EveryCommand().Select(row => row.Data.Item1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Command_string_gets_the_success_reply_with_its_data(string command, string rest, string data)
    {
        var outcome = Responder().Handle(Request(command, rest));

        if (data.Contains("ENVELOPE", StringComparison.Ordinal))
            data = data.Replace("ENVELOPE", Encoding.ASCII.GetString(outcome.Events.ShouldHaveSingleItem().Envelope), StringComparison.Ordinal);
        Text(outcome.Reply).ShouldBe($$"""{"service": "robot", "command": "{{command}}", "success": true, "data": """ + data + "}");
        outcome.ReplyDelay.ShouldBe(TimeSpan.Zero);
    }

    /// <summary>command, one more request key as <c>key: json</c>, the error the handler raises.</summary>
    public static TheoryData<string, string, string> ArgumentErrors() => new()
    {
        { "say", """args: {}""", "Missing message" },
        { "say", """args: {"message": "", "msg": ""}""", "Missing message" },
        { "pm", """args: {"username": "alice"}""", "Missing username or message" },
        { "pm", """args: {"to": "", "msg": "hi"}""", "Missing username or message" },
        { "mute", """args: {}""", "Missing username" },
        { "smute", """args: {"name": ""}""", "Missing username" },
        { "kick", """args: {"reason": "x"}""", "Missing username" },
        { "ban", """args: {"username": null}""", "Missing username" },
        { "rmvideo", """args: {}""", "Missing uid" },
        { "rmvideo", """args: {"uid": null}""", "Missing uid" },
        { "jump", """args: {}""", "Missing uid" },
        { "mvvideo", """args: {"from": 18}""", "Missing 'from' or 'after'" },
        { "mvvideo", """args: {"after": "prepend"}""", "Missing 'from' or 'after'" },
        { "settemp", """args: {"uid": 18}""", "Missing uid or temp" },
        { "settemp", """args: {"temp": true}""", "Missing uid or temp" },
        { "seek", """args: {}""", "Missing time" },
        { "setOptions", """args: {"options": {}}""", "Missing options" },
        { "set_options", """args: {}""", "Missing options" },
        { "setPermissions", """args: {}""", "Missing permissions" },
        { "set_permissions", """args: {"permissions": null}""", "Missing permissions" },
        { "updateEmote", """args: {"name": ":wave:"}""", "Missing name or image" },
        { "update_emote", """args: {"image": "https://i.imgur.com/wave01.png"}""", "Missing name or image" },
        { "removeEmote", """args: {}""", "Missing name" },
        { "removeFilter", """args: {"name": ""}""", "Missing name" },
        { "addFilter", """args: {"name": "nohello"}""", "Missing name or source" },
        { "updateFilter", """args: {"source": "x"}""", "Missing name or source" },
        { "newPoll", """args: {"title": "Next movie?", "opts": ["Alien", "Heat"]}""", "Missing title or options" },
        { "new_poll", """args: {"title": "", "options": ["Alien"]}""", "Missing title or options" },
        { "newPoll", """args: {"title": "Next movie?", "options": []}""", "Missing title or options" },
        { "vote", """args: {}""", "Missing option" },
        { "setChannelRank", """args: {"username": "bob"}""", "Missing username or rank" },
        { "set_channel_rank", """args: {"rank": 2}""", "Missing username or rank" },
        { "unban", """args: {"id": 42}""", "Missing username or ban_id" },
        { "unban", """args: {}""", "Missing username or ban_id" },
        { "searchLibrary", """args: {"query": ""}""", "Missing query" },
        { "search_library", """args: {"source": "yt"}""", "Missing query" },
        { "deleteFromLibrary", """args: {}""", "Missing media_id" },
        { "delete_from_library", """args: {"media_id": "", "id": ""}""", "Missing media_id" },
        { "playlist.move", """payload: {"from_uid": 18}""", "Missing from_uid or after_uid in payload" },
        { "playlist.move", """payload: {"from_uid": 0, "after_uid": 17}""", "Missing from_uid or after_uid in payload" },
        { "playlist.queue", """payload: {}""", "Missing item in payload" },
        { "playlist.queue", """payload: {"item": "yt:dQw4w9WgXcQ"}""", "'str' object has no attribute 'get'" },
        { "playlist.delete", """payload: {"uid": 0}""", "Missing uid in payload" },
        // int() raising inside the handler: the reply carries Python's own message.
        { "vote", """args: {"option": "abc"}""", "invalid literal for int() with base 10: 'abc'" },
        { "vote", """args: {"option": "1.5"}""", "invalid literal for int() with base 10: '1.5'" },
        { "vote", """args: {"option": [1]}""", "int() argument must be a string, a bytes-like object or a real number, not 'list'" },
        { "setChannelRank", """args: {"username": "bob", "rank": "mod"}""", "invalid literal for int() with base 10: 'mod'" },
        { "readChanLog", """args: {"count": "all"}""", "invalid literal for int() with base 10: 'all'" },
        { "read_chan_log", """args: {"count": null}""", "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'" },
        { "unban", """args: {"ban_id": "x", "username": "troll"}""", "invalid literal for int() with base 10: 'x'" },
        // args (payload for playlist.*) must be a dict for the handlers that read it.
        { "kick", """args: "spammer" """, "'str' object has no attribute 'get'" },
        { "vote", """args: null""", "'NoneType' object has no attribute 'get'" },
        { "playlist.delete", """payload: [17]""", "'list' object has no attribute 'get'" },
    };

    [Theory]
    [MemberData(nameof(ArgumentErrors))]
    public void Argument_error_is_raised_with_the_bridge_text(string command, string rest, string error)
    {
        var outcome = Responder().Handle(Request(command, rest));

        Text(outcome.Reply).ShouldBe($$"""{"service": "robot", "success": false, "error": {{Json(error)}}}""");
        outcome.Events.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("clear")]
    [InlineData("unkick")]
    [InlineData("requestBanlist")]
    [InlineData("restart")]
    [InlineData("system.ping")]
    public void Command_that_reads_no_args_ignores_a_malformed_args(string command) =>
        Text(Responder().Handle(Request(command, """args: "x" """)).Reply).ShouldStartWith($$"""{"service": "robot", "command": "{{command}}", "success": true""");

    [Theory]
    [InlineData("""{"uid": 18}""", "Failed to jump to video")]
    [InlineData("""{"uid": true}""", "Failed to jump to video")]
    [InlineData("""{"uid": "\u00b2"}""", "Failed to jump to video")]
    public void Jump_with_a_uid_the_sender_cannot_take_fails_inside_a_success_reply(string args, string error)
    {
        var outcome = Responder().Handle(Request("jump", $"args: {args}"));

        Text(outcome.Reply).ShouldBe($$$"""{"service": "robot", "command": "jump", "success": true, "data": {"success": false, "error": "{{{error}}}"}}""");
    }

    [Theory]
    [InlineData("rmvideo", """{"uid": "abc"}""", "Failed to delete video")]
    [InlineData("mvvideo", """{"from": "\u00b2", "after": "prepend"}""", "Failed to move video")]
    [InlineData("settemp", """{"uid": "\u2460", "temp": true}""", "Failed to set temp")]
    [InlineData("addvideo", """{"type": "yt"}""", "Failed to add video")]
    [InlineData("addvideo", """{"url": 42}""", "Failed to add video")]
    public void Sender_failure_is_reported_in_data(string command, string args, string error) =>
        Text(Responder().Handle(Request(command, $"args: {args}")).Reply)
            .ShouldBe($$$"""{"service": "robot", "command": "{{{command}}}", "success": true, "data": {"success": false, "error": "{{{error}}}"}}""");

    [Theory]
    [InlineData("""{"option": " 1 "}""")]
    [InlineData("""{"option": "0_1"}""")]
    [InlineData("""{"option": true}""")]
    [InlineData("""{"option": 1.9}""")]
    public void Vote_accepts_what_python_int_accepts(string args) =>
        Text(Responder().Handle(Request("vote", $"args: {args}")).Reply).ShouldBe("""{"service": "robot", "command": "vote", "success": true, "data": {"success": true}}""");

    [Fact]
    public void Unban_by_id_takes_id_when_ban_id_is_falsy_and_name_when_username_is()
    {
        var channel = Channel();
        channel.Observe(Recorded("banlist", """[{"id": 42, "ip": "*", "name": "troll", "reason": "", "bannedby": "mod"}]"""));

        var outcome = Responder(channel).Handle(Request("unban", """args: {"ban_id": 0, "id": 42, "username": "", "name": "troll"}"""));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "unban", "success": true, "data": {"success": true}}""");
        Payload(outcome.Events.ShouldHaveSingleItem(), "banlistRemove").ShouldBe("""{"id": 42, "name": "troll"}""");
    }

    [Fact]
    public void Unban_by_name_only_removes_every_case_insensitive_match_and_counts_them()
    {
        var channel = Channel();
        channel.Observe(Recorded("banlist", """[{"id": 7, "ip": "*", "name": "troll", "reason": "spam", "bannedby": "mod"}, {"id": 8, "ip": "LVe.xZQ.D0l.*", "name": "TROLL", "reason": "", "bannedby": "mod"}, {"id": 9, "ip": "*", "name": "troll42", "reason": "", "bannedby": "mod"}]"""));

        var outcome = Responder(channel).Handle(Request("unban", """args: {"username": "Troll"}"""));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "unban", "success": true, "data": {"success": true, "removed": 2}}""");
        outcome.Events.Select(e => e.EventName).ShouldBe(["banlist", "banlistRemove", "banlistRemove"]);
        Payload(outcome.Events[1], "banlistRemove").ShouldBe("""{"id": 7, "name": "troll"}""");
        Payload(outcome.Events[2], "banlistRemove").ShouldBe("""{"id": 8, "name": "TROLL"}""");
    }

    [Fact]
    public void Unban_by_name_without_a_ban_fails_in_data_after_fetching_the_banlist()
    {
        var outcome = Responder().Handle(Request("unban", """args: {"name": "ghost"}"""));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "unban", "success": true, "data": {"success": false, "error": "No active ban for 'ghost'"}}""");
        Payload(outcome.Events.ShouldHaveSingleItem(), "banlist").ShouldBe("[]");
    }

    [Fact]
    public void Playlist_commands_read_payload_not_args() =>
        Text(Responder().Handle(Request("playlist.delete", """args: {"uid": 17}""")).Reply)
            .ShouldBe("""{"service": "robot", "success": false, "error": "Missing uid in payload"}""");

    [Fact]
    public void Playlist_queue_without_a_title_reports_unknown_and_echoes_values_as_python_writes_them()
    {
        var responder = Responder();

        Text(responder.Handle(Request("playlist.queue", """payload: {"item": {"id": "x"}}""")).Reply)
            .ShouldBe("""{"service": "robot", "command": "playlist.queue", "success": true, "data": {"status": "sent", "title": "unknown"}}""");
        Text(responder.Handle(Request("playlist.move", """payload: {"from_uid": 1.50, "after_uid": "\u00e9"}""")).Reply)
            .ShouldBe("""{"service": "robot", "command": "playlist.move", "success": true, "data": {"status": "sent", "from_uid": 1.5, "after_uid": "\u00e9"}}""");
    }

    [Fact]
    public void System_stats_counts_every_request_and_what_was_published()
    {
        var counters = new BridgeCounters();
        var responder = new RobotCommandResponder(Bridge, Channel(), FixedTime.Instance, counters);
        responder.Handle("not json"u8);
        responder.Handle(Request("unknown", """args: {}"""));
        counters.Published(100);
        counters.Published(23);

        Text(responder.Handle(Request("system.stats", """args: {}""")).Reply).ShouldBe(
            """{"service": "robot", "command": "system.stats", "success": true, "data": {"service": "robot", "version": "1.12.4", "uptime_seconds": 0.0, "commands_processed": 3, "messages_published": 2, "bytes_sent": 123, "nats_errors": 0, "events_published": 0}}""");
    }

    [Theory]
    [InlineData("kick", """{"name": "spammer"}""")]
    [InlineData("mute", """{"username": "", "name": "spammer"}""")]
    [InlineData("deleteFromLibrary", """{"id": "dQw4w9WgXcQ"}""")]
    [InlineData("say", """{"msg": "hi"}""")]
    [InlineData("pm", """{"to": "alice", "msg": "hi"}""")]
    [InlineData("setChannelRank", """{"name": "bob", "rank": "3"}""")]
    public void Alias_arguments_are_read_like_the_primary_ones(string command, string args) =>
        Text(Responder().Handle(Request(command, $"args: {args}")).Reply)
            .ShouldBe($$$"""{"service": "robot", "command": "{{{command}}}", "success": true, "data": {"success": true}}""");

    [Fact]
    public void Pm_alias_keys_reach_the_echo()
    {
        var outcome = Responder().Handle(Request("pm", """args: {"to": "alice", "msg": "psst"}"""));

        Payload(outcome.Events.ShouldHaveSingleItem(), "pm")
            .ShouldBe("""{"username": "KrytenBot", "msg": "psst", "meta": {}, "time": 1786731943511, "to": "alice"}""");
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("unmute")]
    [InlineData("searchMedia")]
    [InlineData("uncache")]
    [InlineData("SAY")]
    [InlineData("state.emotes")]
    [InlineData("system.version")]
    public void Unknown_command_gets_no_reply_and_changes_nothing(string command)
    {
        var outcome = Responder().Handle(Request(command, """args: {"message": "/mute spammer"}"""));

        outcome.Reply.ShouldBeNull();
        outcome.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Non_string_command_is_ignored_unless_python_cannot_hash_it()
    {
        Responder().Handle("""{"command": 5, "service": "robot"}"""u8).Reply.ShouldBeNull();
        Text(Responder().Handle("""{"command": ["say"], "service": "robot"}"""u8).Reply)
            .ShouldBe("""{"service": "robot", "success": false, "error": "unhashable type: 'list'"}""");
    }

    [Fact]
    public void Service_names_are_quoted_as_python_formats_them() =>
        Text(Responder().Handle("""{"command": "say", "service": true, "args": {"message": "hi"}}"""u8).Reply)
            .ShouldBe("""{"service": "robot", "success": false, "error": "Command intended for 'True', not 'robot'"}""");

    [Fact]
    public void Meta_channel_that_is_not_a_string_fails_lower() =>
        Text(Responder().Handle("""{"command": "say", "args": {"message": "hi"}, "meta": {"domain": "cytu.be", "channel": 5}}"""u8).Reply)
            .ShouldBe("""{"service": "robot", "success": false, "error": "'int' object has no attribute 'lower'"}""");

    internal static readonly BridgeIdentity Bridge = new("cytu.be", "420Grindhouse", "KrytenBot");

    internal static SimulatedChannel Channel() => new(Bridge.Channel, FixedTime.Instance);

    internal static RobotCommandResponder Responder(SimulatedChannel? channel = null) =>
        new(Bridge, channel ?? Channel(), FixedTime.Instance);

    /// <summary>A request with one more key: <paramref name="rest"/> is <c>key: json</c>, e.g. <c>args: {"uid": 17}</c>.</summary>
    internal static byte[] Request(string command, string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes($$"""{"command": "{{command}}", "service": "robot", "{{rest[..colon]}}":{{rest[(colon + 1)..]}}}""");
    }

    internal static string Text(byte[]? reply) => Encoding.UTF8.GetString(reply.ShouldNotBeNull());

    /// <summary>The payload of a published event, as the bytes the bridge wrote for it.</summary>
    internal static string Payload(PublishedEvent published, string eventName)
    {
        published.EventName.ShouldBe(eventName);
        var text = Encoding.ASCII.GetString(published.Envelope);
        var prefix = $$"""{"event_name": "{{eventName}}", "payload": """;
        text.ShouldStartWith(prefix);
        var end = text.LastIndexOf(""", "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": """, StringComparison.Ordinal);
        end.ShouldBeGreaterThan(0);
        return text[prefix.Length..end];
    }

    internal static RecordedEvent Recorded(string name, string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return new RecordedEvent(0, name, doc.RootElement.Clone());
    }

    private static string Json(string text) => new PythonJsonWriter().String(text).ToString();
}

/// <summary>A clock stopped at 2026-08-14T18:25:43.511286Z, so timestamps and uptimes in replies are exact.</summary>
internal sealed class FixedTime : TimeProvider
{
    public static readonly FixedTime Instance = new();

    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 8, 14, 18, 25, 43, TimeSpan.Zero).AddTicks(5_112_860);

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => 0;
}

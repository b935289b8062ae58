using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.CyTube;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static Kryten.BridgeSimulator.Tests.BridgeSimulatorCommandTests;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// What the simulated CyTube answers to the bridge's frames: the events it broadcasts (payloads as cytube-catalog
/// describes them, bytes as the bridge publishes them), the answers the awaiting commands embed, and the waits when
/// CyTube drops a frame.
/// </summary>
public sealed class BridgeSimulatorSimulationTests
{
    private const string Playlist = """[{"media": {"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}, {"media": {"id": "x7tgad0", "title": "Heat (1995) - Bank Scene", "seconds": 597, "duration": "09:57", "type": "dm", "meta": {}}, "uid": 18, "temp": false, "queueby": ""}]""";

    private const string Users = """[{"name": "alice", "rank": 3, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}, {"name": "Leader1", "rank": 1.5, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}, {"name": "KrytenBot", "rank": 2, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}]""";

    private const long NowMs = 1786731943511;

    [Fact]
    public void SetMotd_is_broadcast_as_the_motd_string()
    {
        var outcome = Responder().Handle(Request("set_motd", """args: {"motd": "<h1>Welcome!</h1> \u2014"}"""));

        Payload(outcome.Events.ShouldHaveSingleItem(), "setMotd").ShouldBe("\"<h1>Welcome!</h1> \\u2014\"");
    }

    [Fact]
    public void Changed_css_is_broadcast_as_channelCSSJS_with_cytubes_hashes_and_an_unchanged_one_is_not()
    {
        var vector = ContractVectors.ByName("events.json", "channelCSSJS/basic");
        var expected = Encoding.UTF8.GetString(Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!));
        var channel = Channel();
        channel.Observe(Recorded("channelCSSJS", """{"css": "", "cssHash": "", "js": "/* channel js */\nconsole.log('welcome to 420Grindhouse');\n", "jsHash": ""}"""));
        var responder = Responder(channel);
        var css = """args: {"css": ".chat-msg-Alice { color: #112233; }\n#motd h1 { font-family: \"Comic Sans MS\"; }\n"}""";

        var payload = Payload(responder.Handle(Request("setChannelCSS", css)).Events.ShouldHaveSingleItem(), "channelCSSJS");

        expected.ShouldContain("\"payload\": " + payload + ", \"channel\"");
        responder.Handle(Request("set_channel_css", css)).Events.ShouldBeEmpty();
    }

    [Fact]
    public void NewPoll_opens_a_poll_the_bot_initiated()
    {
        var outcome = Responder().Handle(Request("newPoll", """args: {"title": "Next movie?", "options": ["Alien", "Heat"], "obscured": false, "timeout": 120}"""));

        Payload(outcome.Events.ShouldHaveSingleItem(), "newPoll")
            .ShouldBe($$"""{"title": "Next movie?", "options": ["Alien", "Heat"], "counts": [0, 0], "initiator": "KrytenBot", "timestamp": {{NowMs}}}""");
    }

    [Fact]
    public void NewPoll_closes_the_open_hidden_poll_first_showing_its_real_counts()
    {
        var channel = Channel();
        channel.Observe(Recorded("newPoll", """{"title": "Secret ballot", "options": ["Yes", "No"], "counts": ["3?", "0?"], "initiator": "ModMary", "timestamp": 1786731913510}"""));

        var outcome = Responder(channel).Handle(Request("newPoll", """args: {"title": "Next", "options": ["A"], "timeout": 60}"""));

        outcome.Events.Select(e => e.EventName).ShouldBe(["updatePoll", "closePoll", "newPoll"]);
        Payload(outcome.Events[0], "updatePoll").ShouldBe("""{"title": "Secret ballot", "options": ["Yes", "No"], "counts": [3, 0], "initiator": "ModMary", "timestamp": 1786731913510}""");
        Payload(outcome.Events[1], "closePoll").ShouldBe("null");
    }

    [Fact]
    public void NewPoll_title_and_options_become_cytube_html_and_hidden_counts_read_n_question_mark()
    {
        var outcome = Responder().Handle(Request("newPoll", """args: {"title": "Tom & Jerry's (1940) https://example.com/a?b=1", "options": ["<b>A</b>", "B"], "obscured": true, "timeout": 30}"""));

        Payload(outcome.Events.ShouldHaveSingleItem(), "newPoll").ShouldBe(
            $$"""{"title": "Tom &amp; Jerry&#39;s &#40;1940&#41; <a href=\"https://example.com/a?b=1\" target=\"_blank\">https://example.com/a?b=1</a>", "options": ["&lt;b&gt;A&lt;/b&gt;", "B"], "counts": ["0?", "0?"], "initiator": "KrytenBot", "timestamp": {{NowMs}}}""");
    }

    [Theory]
    [InlineData("""{"title": "Next?", "options": ["A", "B"]}""", "Poll timeout must be between 1 and 86400 seconds")]
    [InlineData("""{"title": "Next?", "options": ["A", ""], "timeout": 60}""", "Poll options must be 1-255 characters long.")]
    [InlineData("""{"title": "Next?", "options": ["A", 2], "timeout": 60}""", "Poll options must be strings.")]
    public void NewPoll_cytube_refuses_answers_with_errorMsg_and_the_bridge_still_reports_success(string args, string error)
    {
        var outcome = Responder().Handle(Request("newPoll", "args: " + args));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "newPoll", "success": true, "data": {"success": true}}""");
        Payload(outcome.Events.ShouldHaveSingleItem(), "errorMsg").ShouldBe($$"""{"msg": "{{error}}"}""");
    }

    [Fact]
    public void NewPoll_frame_that_fails_cytubes_typecheck_changes_nothing() =>
        Responder().Handle(Request("newPoll", """args: {"title": "Next?", "options": ["A"], "obscured": "yes", "timeout": 60}""")).Events.ShouldBeEmpty();

    [Fact]
    public void Vote_updates_the_poll_when_the_bots_vote_changes()
    {
        var responder = Responder();
        responder.Handle(Request("newPoll", """args: {"title": "Next?", "options": ["A", "B"], "timeout": 60}"""));

        Payload(responder.Handle(Request("vote", """args: {"option": "1"}""")).Events.ShouldHaveSingleItem(), "updatePoll")
            .ShouldBe($$"""{"title": "Next?", "options": ["A", "B"], "counts": [0, 1], "initiator": "KrytenBot", "timestamp": {{NowMs}}}""");
        responder.Handle(Request("vote", """args: {"option": 1}""")).Events.ShouldBeEmpty();
        responder.Handle(Request("vote", """args: {"option": 5}""")).Events.ShouldBeEmpty();
        Payload(responder.Handle(Request("vote", """args: {"option": 0}""")).Events.ShouldHaveSingleItem(), "updatePoll")
            .ShouldContain("\"counts\": [1, 0]");
        Payload(responder.Handle(Request("close_poll", "args: {}")).Events.ShouldHaveSingleItem(), "closePoll").ShouldBe("null");
        responder.Handle(Request("closePoll", "args: {}")).Events.ShouldBeEmpty();
        responder.Handle(Request("vote", """args: {"option": 0}""")).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Playlist_changes_to_known_uids_are_broadcast_like_cytube()
    {
        var responder = Responder(WithPlaylist());

        Payload(responder.Handle(Request("mvvideo", """args: {"from": "18", "after": "prepend"}""")).Events.ShouldHaveSingleItem(), "moveVideo")
            .ShouldBe("""{"from": 18, "after": "prepend"}""");
        Payload(responder.Handle(Request("mvvideo", """args: {"from": 17, "after": 18}""")).Events.ShouldHaveSingleItem(), "moveVideo")
            .ShouldBe("""{"from": 17, "after": 18}""");
        Payload(responder.Handle(Request("settemp", """args: {"uid": 18, "temp": true}""")).Events.ShouldHaveSingleItem(), "setTemp")
            .ShouldBe("""{"uid": 18, "temp": true}""");
        Payload(responder.Handle(Request("rmvideo", """args: {"uid": "17"}""")).Events.ShouldHaveSingleItem(), "delete")
            .ShouldBe("""{"uid": 17}""");
        responder.Handle(Request("rmvideo", """args: {"uid": 17}""")).Events.ShouldBeEmpty();
        responder.Handle(Request("mvvideo", """args: {"from": 18, "after": 18}""")).Events.ShouldBeEmpty();
        responder.Handle(Request("settemp", """args: {"uid": 99, "temp": true}""")).Events.ShouldBeEmpty();
        responder.Handle(Request("settemp", """args: {"uid": 18, "temp": "yes"}""")).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Clear_empties_the_playlist_for_everyone_and_the_next_queue_is_first()
    {
        var responder = Responder(WithPlaylist());

        var cleared = responder.Handle(Request("clear", "args: {}"));
        var queued = responder.Handle(Request("addvideo", """args: {"type": "yt", "id": "dQw4w9WgXcQ", "pos": "end", "temp": true}"""));

        Payload(cleared.Events[0], "playlist").ShouldBe("[]");
        Payload(cleared.Events[1], "setPlaylistMeta").ShouldBe("""{"count": 0, "rawTime": 0, "time": "00:00"}""");
        Payload(queued.Events.ShouldHaveSingleItem(), "queue").ShouldBe(
            """{"item": {"media": {"id": "dQw4w9WgXcQ", "title": "yt:dQw4w9WgXcQ", "seconds": 0, "duration": "00:00", "type": "yt", "meta": {}}, "uid": 19, "temp": true, "queueby": "KrytenBot"}, "after": "prepend"}""");
    }

    [Fact]
    public void Addvideo_next_of_a_queued_duplicate_moves_it_after_the_current_item_keeping_its_temp_flag()
    {
        var channel = WithPlaylist();
        channel.Observe(Recorded("setCurrent", "17"));

        var outcome = Responder(channel).Handle(Request("addvideo", """args: {"type": "dm", "id": "x7tgad0", "pos": "next", "temp": true}"""));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "addvideo", "success": true, "data": {"success": true, "uid": 19}}""");
        Payload(outcome.Events[0], "delete").ShouldBe("""{"uid": 18}""");
        Payload(outcome.Events[1], "queue").ShouldEndWith("""}, "uid": 19, "temp": false, "queueby": "KrytenBot"}, "after": 17}""");
    }

    [Fact]
    public void Addvideo_of_a_420grindhouse_link_is_queued_as_custom_media()
    {
        var outcome = Responder().Handle(Request("addvideo", """args: {"type": "cu", "id": "https://420grindhouse.com/view?m=CcrJn8WAa"}"""));

        Payload(outcome.Events.ShouldHaveSingleItem(), "queue")
            .ShouldContain("\"id\": \"https://www.420grindhouse.com/api/v1/media/cytube/CcrJn8WAa.json?format=json\", \"title\": \"cm:");
        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "addvideo", "success": true, "data": {"success": true, "uid": 1}}""");
    }

    [Theory]
    [InlineData("""{"url": "https://youtu.be/dQw4w9WgXcQ"}""")]
    [InlineData("""{"type": "yt", "id": "dQw4w9WgXcQ", "pos": "top"}""")]
    [InlineData("""{"type": "yt", "id": "dQw4w9WgXcQ", "temp": "yes"}""")]
    [InlineData("""{"type": "yt", "id": 42}""")]
    public void Addvideo_frame_cytube_drops_leaves_the_bridge_waiting_8_seconds_for_a_null_uid(string args)
    {
        var outcome = Responder().Handle(Request("addvideo", "args: " + args));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "command": "addvideo", "success": true, "data": {"success": true, "uid": null}}""");
        outcome.ReplyDelay.ShouldBe(TimeSpan.FromSeconds(8));
        outcome.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Search_frame_cytube_drops_times_out_after_5_seconds()
    {
        var outcome = Responder().Handle(Request("searchLibrary", """args: {"query": "rick", "source": 1}"""));

        Text(outcome.Reply).ShouldBe("""{"service": "robot", "success": false, "error": "CyTube did not respond with 'searchResults' within 5.0s"}""");
        outcome.ReplyDelay.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Library_search_finds_permanent_items_until_deleted_from_the_library()
    {
        var responder = Responder(WithPlaylist());

        Payload(responder.Handle(Request("searchLibrary", """args: {"query": "HEAT"}""")).Events.ShouldHaveSingleItem(), "searchResults").ShouldBe(
            """{"source": "library", "results": [{"id": "x7tgad0", "title": "Heat (1995) - Bank Scene", "seconds": 597, "type": "dm", "meta": "{}", "channel": "420grindhouse", "duration": "09:57"}]}""");
        Payload(responder.Handle(Request("search_library", """args: {"query": "rick"}""")).Events.ShouldHaveSingleItem(), "searchResults")
            .ShouldBe("""{"source": "library", "results": []}""");
        Payload(responder.Handle(Request("searchLibrary", """args: {"query": "rick", "source": "yt"}""")).Events.ShouldHaveSingleItem(), "searchResults")
            .ShouldBe("""{"source": "yt", "results": []}""");

        responder.Handle(Request("settemp", """args: {"uid": 17, "temp": false}"""));
        responder.Handle(Request("delete_from_library", """args: {"id": "x7tgad0"}"""));

        Payload(responder.Handle(Request("searchLibrary", """args: {"query": "e"}""")).Events.ShouldHaveSingleItem(), "searchResults")
            .ShouldBe("""{"source": "library", "results": [{"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "type": "yt", "meta": "{}", "channel": "420grindhouse", "duration": "03:32"}]}""");
    }

    [Fact]
    public void Channel_ranks_list_the_known_users_of_rank_2_and_up_and_follow_rank_changes()
    {
        var channel = Channel();
        channel.Observe(Recorded("userlist", Users));
        channel.Observe(Recorded("addUser", """{"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}"""));
        var responder = Responder(channel);

        Payload(responder.Handle(Request("requestChannelRanks", "args: {}")).Events.ShouldHaveSingleItem(), "channelRanks")
            .ShouldBe("""[{"name": "alice", "rank": 3, "channel": "420grindhouse"}, {"name": "KrytenBot", "rank": 2, "channel": "420grindhouse"}]""");
        Payload(responder.Handle(Request("set_channel_rank", """args: {"name": "BOB", "rank": "2"}""")).Events.ShouldHaveSingleItem(), "setUserRank")
            .ShouldBe("""{"name": "BOB", "rank": 2}""");
        responder.Handle(Request("setChannelRank", """args: {"username": "carol", "rank": 2}""")).Events.ShouldBeEmpty();
        responder.Handle(Request("setChannelRank", """args: {"username": "KrytenBot", "rank": 3}""")).Events.ShouldBeEmpty();
        responder.Handle(Request("setChannelRank", """args: {"username": "alice", "rank": 9}""")).Events.ShouldBeEmpty();
        Payload(responder.Handle(Request("request_channel_ranks", "args: {}")).Events.ShouldHaveSingleItem(), "channelRanks")
            .ShouldBe("""[{"name": "alice", "rank": 3, "channel": "420grindhouse"}, {"name": "KrytenBot", "rank": 2, "channel": "420grindhouse"}, {"name": "bob", "rank": 2, "channel": "420grindhouse"}]""");
    }

    [Fact]
    public void Ban_adds_a_name_ban_the_banlist_shows_and_unban_by_id_removes()
    {
        var responder = Responder();

        responder.Handle(Request("ban", """args: {"username": "Troll", "reason": "spam links"}"""));
        responder.Handle(Request("ban", """args: {"name": "troll"}"""));
        responder.Handle(Request("ban", """args: {"name": "KrytenBot"}"""));

        Payload(responder.Handle(Request("request_banlist", "args: {}")).Events.ShouldHaveSingleItem(), "banlist")
            .ShouldBe("""[{"id": 1, "ip": "*", "name": "troll", "reason": "spam links", "bannedby": "KrytenBot"}]""");
        Payload(responder.Handle(Request("unban", """args: {"id": "1", "name": "troll"}""")).Events.ShouldHaveSingleItem(), "banlistRemove")
            .ShouldBe("""{"id": 1, "name": "troll"}""");
        Payload(responder.Handle(Request("requestBanlist", "args: {}")).Events.ShouldHaveSingleItem(), "banlist").ShouldBe("[]");
    }

    [Fact]
    public void Channel_log_has_a_line_per_join()
    {
        var channel = Channel();
        channel.Observe(Recorded("addUser", """{"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}"""));

        Payload(Responder(channel).Handle(Request("readChanLog", "args: {}")).Events.ShouldHaveSingleItem(), "readChanLog")
            .ShouldBe("""{"success": true, "data": "[Fri Aug 14 2026 18:25:43] bob joined\n"}""");
    }

    [Theory]
    [InlineData("say", """{"message": 5}""")]
    [InlineData("pm", """{"to": ["alice"], "msg": "hi"}""")]
    public void Chat_that_is_not_text_succeeds_without_an_echo(string command, string args)
    {
        var outcome = Responder().Handle(Request(command, "args: " + args));

        Text(outcome.Reply).ShouldBe($$$"""{"service": "robot", "command": "{{{command}}}", "success": true, "data": {"success": true}}""");
        outcome.Events.ShouldBeEmpty();
    }

    private static SimulatedChannel WithPlaylist()
    {
        var channel = Channel();
        channel.Observe(Recorded("playlist", Playlist));
        return channel;
    }
}

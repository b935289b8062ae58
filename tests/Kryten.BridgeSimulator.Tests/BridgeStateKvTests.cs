using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.State;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// What the bridge's state manager writes to KV after each CyTube event (wire-contract §6.1–6.2), byte for byte:
/// <c>json.dumps</c> for the list keys (the same bytes the bridge put in the contract vectors' envelopes), raw UTF-8 for
/// MOTD, CSS and JS, and the bridge's bugs where it has them.
/// </summary>
public sealed class BridgeStateKvTests
{
    private const string Rick = """{"media": {"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}""";
    private const string Heat = """{"media": {"id": "x7tgad0", "title": "Heat (1995) - Bank Scene", "seconds": 597, "duration": "09:57", "type": "dm", "meta": {}}, "uid": 18, "temp": false, "queueby": ""}""";
    private const string Live = """{"media": {"id": "shroud", "title": "Twitch.tv - shroud", "seconds": 0, "duration": "--:--", "type": "tw", "meta": {}}, "uid": 21, "temp": true, "queueby": "Leader1"}""";
    private const string Bob = """{"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""";

    [Theory]
    [InlineData("emoteList/three", "kryten_c_emotes", "list")]
    [InlineData("playlist/two-items", "kryten_c_playlist", "items")]
    [InlineData("userlist/mixed-with-leader", "kryten_c_userlist", "users")]
    public void Whole_lists_are_stored_as_the_bridge_dumps_them(string vector, string bucket, string key)
    {
        var (payload, bytes) = VectorPayload(vector);

        var write = new ChannelState().Apply(vector[..vector.IndexOf('/', StringComparison.Ordinal)], payload).ShouldHaveSingleItem();

        (StateBuckets.Name("c", write.Bucket), write.Key).ShouldBe((bucket, key));
        Encoding.ASCII.GetString(write.Value).ShouldBe(bytes);
    }

    [Fact]
    public void Queue_goes_after_the_item_with_that_uid()
    {
        var state = Playlist(Rick, Heat);

        Items(state.Apply("queue", Json("""{"item": """ + Live + """, "after": 17}"""))).ShouldBe($"[{Rick}, {Live}, {Heat}]");
    }

    [Theory]
    [InlineData("\"prepend\"")]
    [InlineData("99")]
    [InlineData("\"17.0\"")]
    public void Queue_after_prepend_or_an_unknown_uid_goes_to_the_end(string after)
    {
        var (queued, _) = VectorPayload("queue/after-prepend-live");
        var state = Playlist(Rick, Heat);
        var payload = after == "\"prepend\"" ? queued : Json("""{"item": """ + Live + """, "after": """ + after + "}");

        Items(state.Apply("queue", payload)).ShouldBe($"[{Rick}, {Heat}, {Live}]");
    }

    [Fact]
    public void Queue_after_a_uid_given_as_a_string_matches_by_str() =>
        Items(Playlist(Rick, Heat).Apply("queue", Json("""{"item": """ + Live + """, "after": "17"}"""))).ShouldBe($"[{Rick}, {Live}, {Heat}]");

    [Fact]
    public void Delete_removes_the_uid_and_rewrites_even_when_nothing_matched()
    {
        var state = Playlist(Rick, Heat);

        Items(state.Apply("delete", VectorPayload("delete/basic").Payload)).ShouldBe($"[{Heat}]");
        Items(state.Apply("delete", Json("""{"uid": 99}"""))).ShouldBe($"[{Heat}]");
    }

    [Fact]
    public void Delete_of_uid_zero_is_skipped() =>
        Playlist("""{"media": {"id": "a", "type": "yt"}, "uid": 0, "temp": false, "queueby": ""}""")
            .Apply("delete", VectorPayload("delete/uid-zero").Payload).ShouldBeEmpty();

    [Theory]
    [InlineData("""{"from": 18, "after": "prepend"}""", $"[{Heat}, {Rick}, {Live}]")]
    [InlineData("""{"from": 17, "after": "append"}""", $"[{Heat}, {Live}, {Rick}]")]
    [InlineData("""{"from": 17, "after": 21}""", $"[{Heat}, {Live}, {Rick}]")]
    [InlineData("""{"from": 21, "after": "17"}""", $"[{Rick}, {Live}, {Heat}]")]
    [InlineData("""{"from": 17, "after": 99}""", $"[{Heat}, {Live}, {Rick}]")]
    public void MoveVideo_moves_like_the_bridge(string payload, string items) =>
        Items(Playlist(Rick, Heat, Live).Apply("moveVideo", Json(payload))).ShouldBe(items);

    [Theory]
    [InlineData("""{"from": 99, "after": "prepend"}""")]
    [InlineData("""{"from": 0, "after": "prepend"}""")]
    [InlineData("""{"from": 18, "after": null}""")]
    public void MoveVideo_of_an_unknown_or_falsy_uid_or_without_after_writes_nothing(string payload) =>
        Playlist(Rick, Heat).Apply("moveVideo", Json(payload)).ShouldBeEmpty();

    [Fact]
    public void Userlist_keeps_one_user_per_name_at_the_first_place_with_the_last_value()
    {
        var users = Users(new ChannelState().Apply("userlist", Json(
            """[{"name": "a", "rank": 1}, {"name": "b", "rank": 2}, {"name": "", "rank": 3}, {"name": "a", "rank": 4}]""")));

        users.ShouldBe("""[{"name": "a", "rank": 4}, {"name": "b", "rank": 2}]""");
    }

    [Fact]
    public void AddUser_replaces_in_place_or_appends_and_userLeave_removes()
    {
        var state = new ChannelState();
        state.Apply("userlist", Json($$"""[{{Bob}}, {"name": "alice", "rank": 3}]"""));

        Users(state.Apply("addUser", Json("""{"name": "bob", "rank": 2}"""))).ShouldBe("""[{"name": "bob", "rank": 2}, {"name": "alice", "rank": 3}]""");
        Users(state.Apply("addUser", VectorPayload("addUser/leader-afk").Payload)).ShouldStartWith("""[{"name": "bob", "rank": 2}, {"name": "alice", "rank": 3}, {"name": "Leader2", """);
        Users(state.Apply("userLeave", Json("""{"name": "alice"}"""))).ShouldNotContain("alice");
        state.Apply("userLeave", Json("""{"name": "alice"}""")).ShouldBeEmpty();
    }

    [Fact]
    public void SetUserRank_replaces_the_user_with_just_name_and_rank()
    {
        var state = new ChannelState();
        state.Apply("userlist", Json($"[{Bob}]"));

        Users(state.Apply("setUserRank", VectorPayload("setUserRank/moderator").Payload)).ShouldBe("""[{"name": "bob", "rank": 2}]""");
        Users(state.Apply("setUserRank", Json("""{"name": "ghost", "rank": 3}"""))).ShouldBe("""[{"name": "bob", "rank": 2}, {"name": "ghost", "rank": 3}]""");
    }

    [Fact]
    public void SetAfk_merges_into_meta_and_writes_nothing_for_an_unchanged_flag_or_an_unknown_user()
    {
        var state = new ChannelState();
        state.Apply("userlist", Json("""[{"name": "Bob", "rank": 3, "meta": {"muted": true}, "profile": {"image": "x.png"}}]"""));

        Users(state.Apply("setAFK", Json("""{"name": "Bob", "afk": true}""")))
            .ShouldBe("""[{"name": "Bob", "rank": 3, "meta": {"muted": true, "afk": true}, "profile": {"image": "x.png"}}]""");
        state.Apply("setAFK", Json("""{"name": "Bob", "afk": 1}""")).ShouldBeEmpty();
        state.Apply("setAFK", Json("""{"name": "bob", "afk": false}""")).ShouldBeEmpty();
    }

    [Fact]
    public void SetAfk_gives_a_user_without_meta_a_meta_at_the_end()
    {
        var state = new ChannelState();
        state.Apply("setUserRank", Json("""{"name": "bob", "rank": 2}"""));

        Users(state.Apply("setAFK", Json("""{"name": "bob", "afk": true}"""))).ShouldBe("""[{"name": "bob", "rank": 2, "meta": {"afk": true}}]""");
    }

    [Fact]
    public void ChangeMedia_after_setCurrent_gets_that_uid_last()
    {
        var state = new ChannelState();
        state.Apply("setCurrent", Json("42")).ShouldBeEmpty();

        Current(state.Apply("changeMedia", Json("""{"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}, "currentTime": 0, "paused": false}""")))
            .ShouldBe("""{"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}, "currentTime": 0, "paused": false, "uid": 42}""");
    }

    [Fact]
    public void ChangeMedia_keeps_its_own_uid() =>
        Current(new ChannelState().Apply("changeMedia", VectorPayload("changeMedia/with-uid").Payload)).ShouldBe(VectorPayload("changeMedia/with-uid").Bytes);

    [Fact]
    public void ChangeMedia_without_setCurrent_takes_the_uid_of_the_playlist_item_with_its_id_and_type()
    {
        var (payload, bytes) = VectorPayload("changeMedia/lead-in-no-uid");

        Current(Playlist(Heat, Rick).Apply("changeMedia", payload)).ShouldBe(bytes[..^1] + ", \"uid\": 17}");
        Current(new ChannelState().Apply("changeMedia", payload)).ShouldBe(bytes);
    }

    [Fact]
    public void SetCurrent_after_changeMedia_rewrites_the_uid_in_place_and_is_never_forgotten()
    {
        var state = Playlist(Rick, Heat);
        state.Apply("setCurrent", Json("17"));
        state.Apply("changeMedia", Json("""{"id": "dQw4w9WgXcQ", "type": "yt", "uid": null, "paused": false}"""));

        Current(state.Apply("setCurrent", Json("18"))).ShouldBe("""{"id": "dQw4w9WgXcQ", "type": "yt", "uid": 18, "paused": false}""");
        state.Apply("setCurrent", Json("18")).ShouldBeEmpty();
        // The bridge never clears the remembered uid: the next item without a setCurrent gets the old one.
        Current(state.Apply("changeMedia", Json("""{"id": "x7tgad0", "type": "dm"}"""))).ShouldBe("""{"id": "x7tgad0", "type": "dm", "uid": 18}""");
    }

    [Fact]
    public void ChannelCssJs_stores_css_then_js_as_raw_utf8_text()
    {
        var (payload, _) = VectorPayload("channelCSSJS/basic");

        var writes = new ChannelState().Apply("channelCSSJS", payload);

        writes.Select(w => (w.Bucket, w.Key)).ShouldBe([(StateBucket.State, "css"), (StateBucket.State, "js")]);
        writes[0].Value.ShouldBe(Encoding.UTF8.GetBytes(payload.GetProperty("css").GetString()!));
        writes[1].Value.ShouldBe(Encoding.UTF8.GetBytes(payload.GetProperty("js").GetString()!));
    }

    [Fact]
    public void Css_is_stored_verbatim_and_an_empty_or_missing_one_as_empty_bytes()
    {
        var state = new ChannelState();
        var css = "body { color: #fff; }\n.chat-msg-Alice { color: #112233; }";

        state.Apply("channelCSSJS", Json("{\"css\": " + new PythonJsonWriter().String(css) + "}"))[0].Value.ShouldBe(Encoding.UTF8.GetBytes(css));
        state.Apply("channelCSSJS", Json("""{"css": "", "js": null}""")).Select(w => w.Value.Length).ShouldBe([0, 0]);
        state.Apply("channelCSSJS", Json("""{"css": "caf\u00e9 \ud83d\ude00"}"""))[0].Value.ShouldBe("café 😀"u8.ToArray());
    }

    [Fact]
    public void Motd_is_stored_as_raw_utf8_from_a_string_or_a_dict()
    {
        var (payload, _) = VectorPayload("setMotd/html");

        new ChannelState().Apply("setMotd", payload).ShouldHaveSingleItem().Value.ShouldBe("<h1>Welcome!</h1><p>Be nice &amp; have fun — ☮</p>"u8.ToArray());
        new ChannelState().Apply("setMotd", Json("""{"motd": null}""")).ShouldHaveSingleItem().Value.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("setPermissions", """{"chat": 0}""")]
    [InlineData("channelOpts", """{"allow_voteskip": true}""")]
    [InlineData("setPlaylistMeta", """{"count": 2, "rawTime": 809, "time": "13:29"}""")]
    [InlineData("chatMsg", """{"username": "alice", "msg": "hi", "meta": {}, "time": 1}""")]
    public void Other_events_are_not_persisted(string eventName, string payload) =>
        new ChannelState().Apply(eventName, Json(payload)).ShouldBeEmpty();

    private static ChannelState Playlist(params string[] items)
    {
        var state = new ChannelState();
        state.Apply("playlist", Json($"[{string.Join(", ", items)}]"));
        return state;
    }

    private static string Items(IReadOnlyList<StateWrite> writes) => Value(writes, StateBucket.Playlist, "items");

    private static string Users(IReadOnlyList<StateWrite> writes) => Value(writes, StateBucket.Userlist, "users");

    private static string Current(IReadOnlyList<StateWrite> writes) => Value(writes, StateBucket.Playlist, "current");

    private static string Value(IReadOnlyList<StateWrite> writes, StateBucket bucket, string key)
    {
        var write = writes.ShouldHaveSingleItem();
        (write.Bucket, write.Key).ShouldBe((bucket, key));
        return Encoding.ASCII.GetString(write.Value);
    }

    internal static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>A contract vector's payload, parsed, and the exact bytes the bridge's <c>json.dumps</c> wrote for it.</summary>
    internal static (JsonElement Payload, string Bytes) VectorPayload(string name)
    {
        var vector = ContractVectors.ByName("events.json", name);
        var envelope = Encoding.ASCII.GetString(Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!));
        var start = envelope.IndexOf("\"payload\": ", StringComparison.Ordinal) + "\"payload\": ".Length;
        var bytes = envelope[start..envelope.LastIndexOf(", \"channel\": ", StringComparison.Ordinal)];
        return (vector.GetProperty("json").GetProperty("payload").Clone(), bytes);
    }
}

using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.State;

/// <summary>
/// The bridge's state manager: its in-memory copy of the channel, changed by CyTube events exactly as the bridge's
/// callbacks change it (wire-contract §6.2, bugs included), and the KV writes each change makes. The same copy answers
/// the state handler's <c>state.*</c> queries, as in the bridge. Payload shapes CyTube never sends (a <c>playlist</c>
/// that is not a list, a user that is not an object) leave the state unchanged, where the bridge's Python would store
/// some of them or fail halfway.
/// </summary>
internal sealed class ChannelState
{
    private static readonly JsonElement EmptyText = CommandArgs.EmptyString;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly object _gate = new();
    private JsonElement _emotes = CommandArgs.EmptyArray;
    private List<JsonElement> _playlist = [];
    private readonly OrderedDictionary<string, JsonElement> _users = new(StringComparer.Ordinal);
    private JsonElement _current;
    private JsonElement _currentUid;
    private JsonElement _motd = EmptyText;
    private JsonElement _css = EmptyText;
    private JsonElement _js = EmptyText;

    /// <summary>Applies one CyTube event; returns the KV writes it makes, in order (none for most events).</summary>
    /// <param name="eventName">The Socket.IO event name, CyTube's case.</param>
    /// <param name="payload">The payload as CyTube sent it; kept, so it must outlive its document (a clone).</param>
    public IReadOnlyList<StateWrite> Apply(string eventName, JsonElement payload)
    {
        var args = new CommandArgs(payload);
        var isDict = payload.ValueKind == JsonValueKind.Object;
        lock (_gate)
        {
            switch (eventName)
            {
                case "emoteList" when payload.ValueKind == JsonValueKind.Array:
                    _emotes = payload;
                    return [Json(StateBucket.Emotes, StateBuckets.EmotesList, payload)];
                case "playlist" when payload.ValueKind == JsonValueKind.Array:
                    _playlist = [.. payload.EnumerateArray()];
                    return Items();
                case "queue" when isDict:
                    return Queue(args.Get("item", CommandArgs.EmptyObject), args["after"]);
                // A falsy uid (0 included) is skipped; the rest is rewritten even when nothing matched.
                case "delete" when isDict && PythonValue.IsTruthy(args["uid"]):
                    if (!_playlist.TrueForAll(IsDict)) return [];
                    var uid = PythonValue.Str(args["uid"]);
                    _playlist = _playlist.FindAll(item => PythonValue.Str(new CommandArgs(item)["uid"]) != uid);
                    return Items();
                case "moveVideo" when isDict && PythonValue.IsTruthy(args["from"]) && !PythonValue.IsNone(args["after"]):
                    return Move(PythonValue.Str(args["from"]), PythonValue.Str(args["after"]));
                case "userlist" when payload.ValueKind == JsonValueKind.Array && payload.EnumerateArray().All(IsDict):
                    _users.Clear();
                    foreach (var user in payload.EnumerateArray())
                    {
                        var key = new CommandArgs(user)["name"];
                        if (PythonValue.IsTruthy(key)) _users[PythonValue.Str(key)] = user;
                    }
                    return Users();
                case "addUser" when isDict && PythonValue.IsTruthy(args["name"]):
                    _users[PythonValue.Str(args["name"])] = payload;
                    return Users();
                case "userLeave" when isDict && PythonValue.IsTruthy(args["name"]):
                    return _users.Remove(PythonValue.Str(args["name"])) ? Users() : [];
                // The bridge's bug (§10.14): the stored user becomes just {name, rank}, profile and meta gone.
                case "setUserRank" when isDict && PythonValue.IsTruthy(args["name"]):
                    var (name, rank) = (args["name"], args["rank"]);
                    _users[PythonValue.Str(name)] = new PythonJsonWriter().StartObject().Key("name").Element(name).Key("rank").Element(rank).EndObject().ToElement();
                    return Users();
                case "setAFK" when isDict && PythonValue.IsTruthy(args["name"]):
                    return SetAfk(PythonValue.Str(args["name"]), PythonValue.IsTruthy(args["afk"]));
                case "changeMedia":
                    return ChangeMedia(payload);
                case "setCurrent":
                    _currentUid = payload;
                    if (_current.ValueKind != JsonValueKind.Object || PythonValue.AreEqual(new CommandArgs(_current)["uid"], payload)) return [];
                    _current = PythonDict.With(_current, "uid", json => json.Element(payload));
                    return [Json(StateBucket.Playlist, StateBuckets.PlaylistCurrent, _current)];
                case "channelCSSJS" when isDict:
                    _css = OrEmpty(args.Get("css", EmptyText));
                    _js = OrEmpty(args.Get("js", EmptyText));
                    return [.. Text(StateBuckets.StateCss, _css), .. Text(StateBuckets.StateJs, _js)];
                case "setMotd" when payload.ValueKind == JsonValueKind.String || isDict:
                    _motd = isDict ? OrEmpty(args.Get("motd", EmptyText)) : payload;
                    return Text(StateBuckets.StateMotd, _motd);
                default:
                    return [];
            }
        }
    }

    public void WriteEmotes(PythonJsonWriter json) => Read(() => json.Element(_emotes));

    public void WritePlaylist(PythonJsonWriter json) => Read(() => WriteList(json, _playlist));

    public void WriteUserlist(PythonJsonWriter json) => Read(() => WriteList(json, _users.Values));

    public void WriteMotd(PythonJsonWriter json) => Read(() => json.Element(_motd));

    public void WriteCss(PythonJsonWriter json) => Read(() => json.Element(_css));

    public void WriteJs(PythonJsonWriter json) => Read(() => json.Element(_js));

    /// <summary><c>{"user", "profile"}</c> for <c>state.user</c>: the exact stored name; a profile of <c>{}</c> when the user has none.</summary>
    public void WriteUser(PythonJsonWriter json, string name) => Read(() =>
    {
        json.StartObject().Key("user");
        if (!_users.TryGetValue(name, out var user)) json.Null().Key("profile").Null();
        else json.Element(user).Key("profile").Element(new CommandArgs(user).Get("profile", CommandArgs.EmptyObject));
        json.EndObject();
    });

    /// <summary><c>state.profiles</c>: every user with a truthy profile, by stored name.</summary>
    public void WriteProfiles(PythonJsonWriter json) => Read(() =>
    {
        json.StartObject();
        foreach (var (name, user) in _users)
        {
            var profile = new CommandArgs(user)["profile"];
            if (PythonValue.IsTruthy(profile)) json.Key(name).Element(profile);
        }
        json.EndObject();
    });

    /// <summary>
    /// <c>state.all</c>'s counts with the bridge's default counting filters, which still compare every rank with 0:
    /// a user with a negative rank is not counted, and a rank that is not a number raises Python's <c>TypeError</c>.
    /// </summary>
    public bool TryCount(out (int Emotes, int Playlist, int Users) counts, out string error)
    {
        lock (_gate)
        {
            (counts, error) = ((_emotes.GetArrayLength(), _playlist.Count, 0), "");
            foreach (var user in _users.Values)
            {
                var rank = new CommandArgs(user).Get("rank", CommandArgs.Zero);
                if (rank.ValueKind is not (JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    error = $"'<' not supported between instances of '{PythonValue.TypeName(rank)}' and 'int'";
                    return false;
                }
                if (rank.ValueKind != JsonValueKind.Number || PythonValue.ToDouble(rank) >= 0) counts.Users++;
            }
            return true;
        }
    }

    // queue: after the first item whose str(uid) equals str(after), else (unknown uid, "prepend", none) at the end.
    private List<StateWrite> Queue(JsonElement item, JsonElement after)
    {
        var index = _playlist.Count;
        if (!PythonValue.IsNone(after))
        {
            if (!TryFind(PythonValue.Str(after), out var found)) return [];
            if (found >= 0) index = found + 1;
        }
        _playlist = [.. _playlist];
        _playlist.Insert(index, item);
        return Items();
    }

    // moveVideo: pops the item, then "prepend" puts it first, "append" last, a uid after that item (else last).
    private List<StateWrite> Move(string from, string after)
    {
        if (!TryFind(from, out var index) || index < 0) return [];
        var items = new List<JsonElement>(_playlist);
        var item = items[index];
        items.RemoveAt(index);
        _playlist = items;
        var target = items.Count;
        if (after == "prepend") target = 0;
        else if (after != "append")
        {
            if (!TryFind(after, out var found)) return [];
            if (found >= 0) target = found + 1;
        }
        items.Insert(target, item);
        return Items();
    }

    // The bridge compares str(item.get("uid")): false when an item before the match is not a dict (.get raises).
    private bool TryFind(string uid, out int index)
    {
        for (index = 0; index < _playlist.Count; index++)
        {
            if (!IsDict(_playlist[index])) return false;
            if (PythonValue.Str(new CommandArgs(_playlist[index])["uid"]) == uid) return true;
        }
        index = -1;
        return true;
    }

    // setAFK merges meta.afk into the stored user; unknown users and unchanged flags write nothing.
    private List<StateWrite> SetAfk(string name, bool afk)
    {
        if (!_users.TryGetValue(name, out var user)) return [];
        var meta = new CommandArgs(user)["meta"];
        if (!PythonValue.IsTruthy(meta)) meta = CommandArgs.EmptyObject;
        if (!IsDict(meta)) return [];
        if (PythonValue.AreEqual(new CommandArgs(meta)["afk"], afk ? CommandArgs.True : CommandArgs.False)) return [];
        var merged = PythonDict.With(meta, "afk", json => json.Bool(afk));
        _users[name] = PythonDict.With(user, "meta", json => json.Element(merged));
        return Users();
    }

    // changeMedia keeps a uid the payload has; otherwise the last setCurrent value (never cleared), otherwise the uid
    // of the first playlist item with the same id (and type, when the payload has one).
    private List<StateWrite> ChangeMedia(JsonElement media)
    {
        if (IsDict(media) && PythonValue.IsNone(new CommandArgs(media)["uid"]))
        {
            var uid = _currentUid;
            if (PythonValue.IsNone(uid) && !TryResolveUid(media, out uid)) return [];
            if (!PythonValue.IsNone(uid)) media = PythonDict.With(media, "uid", json => json.Element(uid));
        }
        _current = media;
        return [Json(StateBucket.Playlist, StateBuckets.PlaylistCurrent, media)];
    }

    private bool TryResolveUid(JsonElement media, out JsonElement uid)
    {
        uid = default;
        var (id, type) = (new CommandArgs(media)["id"], new CommandArgs(media)["type"]);
        if (PythonValue.IsNone(id)) return true;
        foreach (var item in _playlist)
        {
            if (!IsDict(item)) return false;
            var inner = new CommandArgs(item)["media"] is { ValueKind: JsonValueKind.Object } nested ? nested : item;
            if (PythonValue.AreEqual(new CommandArgs(inner)["id"], id)
                && (PythonValue.IsNone(type) || PythonValue.AreEqual(new CommandArgs(inner)["type"], type)))
            {
                uid = new CommandArgs(item)["uid"];
                return true;
            }
        }
        return true;
    }

    private List<StateWrite> Items() => [Json(StateBucket.Playlist, StateBuckets.PlaylistItems, writer => WriteList(writer, _playlist))];

    private List<StateWrite> Users() => [Json(StateBucket.Userlist, StateBuckets.UserlistUsers, writer => WriteList(writer, _users.Values))];

    // `payload.get(key, "") or ""`.
    private static JsonElement OrEmpty(JsonElement value) => PythonValue.IsTruthy(value) ? value : EmptyText;

    // The admin-state keys are raw UTF-8 text; a value that is not a str, or cannot be encoded, fails in the bridge's
    // `.encode()` after the in-memory copy changed, so nothing is written.
    private static List<StateWrite> Text(string key, JsonElement value)
    {
        if (PythonValue.AsString(value) is not { } text) return [];
        try
        {
            return [new StateWrite(StateBucket.State, key, StrictUtf8.GetBytes(text))];
        }
        catch (EncoderFallbackException)
        {
            return [];
        }
    }

    private static StateWrite Json(StateBucket bucket, string key, JsonElement value) => Json(bucket, key, json => json.Element(value));

    private static StateWrite Json(StateBucket bucket, string key, Action<PythonJsonWriter> write)
    {
        var json = new PythonJsonWriter();
        write(json);
        return new StateWrite(bucket, key, json.ToUtf8());
    }

    private static void WriteList(PythonJsonWriter json, IEnumerable<JsonElement> items)
    {
        json.StartArray();
        foreach (var item in items) json.Element(item);
        json.EndArray();
    }

    private static bool IsDict(JsonElement value) => value.ValueKind == JsonValueKind.Object;

    private void Read(Action write)
    {
        lock (_gate) write();
    }
}

using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>What CyTube answers to a <c>queue</c> frame: a <c>queue</c> event for everyone, or a <c>queueFail</c>.</summary>
internal abstract record QueueOutcome
{
    /// <param name="Uid">The new item's uid.</param>
    /// <param name="QueueEventPayload">The <c>queue</c> event: <c>{item, after}</c>.</param>
    /// <param name="MovedFrom">With <c>pos: "next"</c> a duplicate is moved: the uid CyTube deleted first.</param>
    public sealed record Queued(long Uid, Action<PythonJsonWriter> QueueEventPayload, long? MovedFrom) : QueueOutcome;

    public sealed record Failed(string Message, string Link, string Id) : QueueOutcome
    {
        public void WritePayload(PythonJsonWriter json) =>
            json.StartObject().Key("msg").String(Message).Key("link").String(Link).Key("id").String(Id).EndObject();
    }
}

/// <summary>One playlist item: CyTube's PlaylistItem (cytube-catalog §0b) with its media as parsed JSON.</summary>
internal sealed record PlaylistEntry(long Uid, JsonElement Media, bool Temp, string QueuedBy)
{
    public string MediaId => Media.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
}

/// <summary>
/// The channel playlist as far as the simulator needs it: learned from the recorded <c>playlist</c>, <c>queue</c>,
/// <c>delete</c>, <c>moveVideo</c>, <c>setTemp</c> and <c>setCurrent</c> events, and changed by commands with CyTube's
/// checks that need no provider lookup (type codes, duplicates, known uids). Permanent items go to the library, as
/// CyTube caches them. Not thread-safe: <see cref="SimulatedChannel"/> serializes access.
/// </summary>
internal sealed class SimulatedPlaylist(SimulatedLibrary library)
{
    // cytube-catalog §4: the queueable type codes.
    private static readonly HashSet<string> KnownTypes =
        ["yt", "yp", "vi", "dm", "sc", "li", "tw", "tv", "tc", "rt", "hl", "cu", "gd", "fi", "cm", "sb", "pt", "bc", "bn", "od", "nv"];

    private static readonly HashSet<string> LiveTypes = ["li", "tw", "rt", "hl", "cu"];

    private readonly List<PlaylistEntry> _items = [];
    private long _nextUid = 1;
    private long? _current;

    public IReadOnlyList<PlaylistEntry> Items => _items;

    /// <summary>Keeps the playlist in step with what the recording tells subscribers.</summary>
    public void Observe(RecordedEvent recorded)
    {
        var payload = recorded.Payload;
        switch (recorded.EventName)
        {
            case "playlist" when payload.ValueKind == JsonValueKind.Array:
                _items.Clear();
                foreach (var item in payload.EnumerateArray()) Insert(item, default);
                break;
            case "queue" when payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("item", out var queued):
                Insert(queued, payload.TryGetProperty("after", out var after) ? after : default);
                break;
            case "delete" when payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("uid", out var deleted) && deleted.TryGetInt64(out var uid):
                Delete(uid);
                break;
            case "moveVideo" when payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("from", out var from)
                                  && from.TryGetInt64(out var fromUid) && payload.TryGetProperty("after", out var moveAfter):
                Move(fromUid, moveAfter);
                break;
            case "setTemp" when payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("uid", out var tempUid)
                                && tempUid.TryGetInt64(out var itemUid) && payload.TryGetProperty("temp", out var temp):
                SetTemp(itemUid, temp.ValueKind == JsonValueKind.True);
                break;
            case "setCurrent" when payload.TryGetInt64(out var current):
                _current = current;
                break;
        }
    }

    /// <summary>CyTube's <c>queue</c> handler for a typechecked frame; <paramref name="pos"/> is <c>"next"</c> or <c>"end"</c>.</summary>
    public QueueOutcome Queue(string type, string id, string pos, bool temp, string queuedBy)
    {
        var link = FormatLink(type, id);
        if (!KnownTypes.Contains(type)) return new QueueOutcome.Failed($"Unknown media type '{type}'", link, id);
        if (type == "sc") return new QueueOutcome.Failed("Soundcloud is not supported anymore", link, id);
        if (id.Length == 0 || (type == "yt" && !IsYouTubeId(id))) return new QueueOutcome.Failed("Invalid media ID", link, id);

        var duplicate = _items.Find(item => item.MediaId == id);
        long? movedFrom = null;
        if (duplicate is not null)
        {
            // A duplicate is refused at the end or when it is playing; with "next" it is moved (and keeps its temp flag).
            if (pos == "end" || duplicate.Uid == _current) return new QueueOutcome.Failed("This item is already on the playlist", link, id);
            _items.Remove(duplicate);
            movedFrom = duplicate.Uid;
            temp = duplicate.Temp;
        }

        long? after = pos == "next"
            ? (_current is { } current && _items.Exists(item => item.Uid == current) ? current : null)
            : (_items.Count == 0 ? null : _items[^1].Uid);
        var entry = new PlaylistEntry(_nextUid, NewMedia(type, id), temp, queuedBy);
        InsertAfter(entry, after);
        return new QueueOutcome.Queued(entry.Uid, json => WriteQueueEvent(json, entry, after), movedFrom);
    }

    public bool Contains(long uid) => _items.Exists(item => item.Uid == uid);

    public bool Delete(long uid)
    {
        var index = _items.FindIndex(item => item.Uid == uid);
        if (index < 0) return false;
        _items.RemoveAt(index);
        return true;
    }

    /// <summary>CyTube's <c>moveMedia</c>: <paramref name="after"/> is a uid, a numeric string, "prepend" or "append".</summary>
    public bool Move(long from, JsonElement after)
    {
        var index = _items.FindIndex(item => item.Uid == from);
        if (index < 0) return false;
        long? afterUid = null;
        var text = PythonValue.AsString(after);
        if (text is not ("prepend" or "append"))
        {
            if (!(after.TryGetInt64(out var uid) || long.TryParse(text, out uid)) || uid == from || !Contains(uid)) return false;
            afterUid = uid;
        }
        var entry = _items[index];
        _items.RemoveAt(index);
        if (text == "append") _items.Add(entry);
        else InsertAfter(entry, afterUid);
        return true;
    }

    public bool SetTemp(long uid, bool temp)
    {
        var index = _items.FindIndex(item => item.Uid == uid);
        if (index < 0) return false;
        _items[index] = _items[index] with { Temp = temp };
        if (!temp) library.Cache(_items[index].Media);
        return true;
    }

    public void Clear() => _items.Clear();

    private void Insert(JsonElement item, JsonElement after)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("uid", out var uid) || uid.ValueKind != JsonValueKind.Number
            || !uid.TryGetInt64(out var value) || !item.TryGetProperty("media", out var media) || media.ValueKind != JsonValueKind.Object) return;
        var temp = item.TryGetProperty("temp", out var t) && t.ValueKind == JsonValueKind.True;
        var queuedBy = item.TryGetProperty("queueby", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()! : "";
        long? afterUid = after.ValueKind == JsonValueKind.Undefined ? (_items.Count == 0 ? null : _items[^1].Uid)
            : after.ValueKind == JsonValueKind.Number && after.TryGetInt64(out var a) ? a : null;
        InsertAfter(new PlaylistEntry(value, media.Clone(), temp, queuedBy), afterUid);
    }

    private void InsertAfter(PlaylistEntry entry, long? after)
    {
        var index = after is { } uid ? _items.FindIndex(item => item.Uid == uid) + 1 : 0;
        _items.Insert(index, entry);
        _nextUid = Math.Max(_nextUid, entry.Uid + 1);
        if (!entry.Temp) library.Cache(entry.Media);
    }

    // The simulator looks nothing up, so the media carries the link as its title and no duration.
    private static JsonElement NewMedia(string type, string id)
    {
        var live = LiveTypes.Contains(type);
        var json = new PythonJsonWriter().StartObject()
            .Key("id").String(id).Key("title").String(live ? "Livestream" : $"{type}:{id}")
            .Key("seconds").Number(0).Key("duration").String(live ? "--:--" : "00:00")
            .Key("type").String(type).Key("meta").StartObject().EndObject()
            .EndObject();
        using var media = JsonDocument.Parse(json.ToString());
        return media.RootElement.Clone();
    }

    private static void WriteQueueEvent(PythonJsonWriter json, PlaylistEntry entry, long? after)
    {
        json.StartObject().Key("item").StartObject()
            .Key("media").Element(entry.Media)
            .Key("uid").Number(entry.Uid).Key("temp").Bool(entry.Temp).Key("queueby").String(entry.QueuedBy)
            .EndObject()
            .Key("after");
        if (after is long afterUid) json.Number(afterUid);
        else json.String("prepend");
        json.EndObject();
    }

    private static bool IsYouTubeId(string id) =>
        id.Length == 11 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    // CyTube's formatLink for the common types; the others link to their id or to nothing.
    private static string FormatLink(string type, string id) => type switch
    {
        "yt" => "https://youtu.be/" + id,
        "vi" => "https://vimeo.com/" + id,
        "dm" => "https://dailymotion.com/video/" + id,
        "tw" => "https://twitch.tv/" + id,
        "tc" => "https://clips.twitch.tv/" + id,
        "sb" => "https://streamable.com/" + id,
        "sc" or "rt" or "hl" or "fi" or "cm" => id,
        _ => "",
    };
}

using System.Text.Json;

namespace Kryten.Samples.ReplayBridge;

/// <summary>What CyTube answers to a <c>queue</c> frame: a <c>queue</c> event for everyone, or a <c>queueFail</c>.</summary>
internal abstract record QueueOutcome
{
    public sealed record Queued(long Uid, Action<PythonJsonWriter> QueueEventPayload) : QueueOutcome;

    public sealed record Failed(string Message, string Link, string Id) : QueueOutcome
    {
        public void WritePayload(PythonJsonWriter json) =>
            json.StartObject().Key("msg").String(Message).Key("link").String(Link).Key("id").String(Id).EndObject();
    }
}

/// <summary>
/// The channel playlist as far as a stand-in needs it: learned from the recorded <c>playlist</c>/<c>queue</c> events,
/// and changed by <c>addvideo</c> with CyTube's checks that need no provider lookup (type codes, duplicates).
/// </summary>
internal sealed class SimulatedPlaylist
{
    // cytube-catalog §4: the queueable type codes.
    private static readonly HashSet<string> KnownTypes =
        ["yt", "yp", "vi", "dm", "sc", "li", "tw", "tv", "tc", "rt", "hl", "cu", "gd", "fi", "cm", "sb", "pt", "bc", "bn", "od", "nv"];

    private static readonly HashSet<string> LiveTypes = ["li", "tw", "rt", "hl", "cu"];

    private readonly List<(long Uid, string Id)> _items = [];
    private readonly object _gate = new();

    /// <summary>Keeps the playlist in step with what the recording tells subscribers.</summary>
    public void Observe(RecordedEvent recorded)
    {
        lock (_gate)
        {
            if (recorded.EventName == "playlist" && recorded.Payload.ValueKind == JsonValueKind.Array)
            {
                _items.Clear();
                foreach (var item in recorded.Payload.EnumerateArray()) Add(item);
            }
            else if (recorded.EventName == "queue" && recorded.Payload.ValueKind == JsonValueKind.Object
                     && recorded.Payload.TryGetProperty("item", out var queued))
            {
                Add(queued);
            }
        }
    }

    public QueueOutcome Queue(string type, string id, bool temp, string queuedBy)
    {
        var link = FormatLink(type, id);
        if (!KnownTypes.Contains(type)) return new QueueOutcome.Failed($"Unknown media type '{type}'", link, id);
        if (type == "sc") return new QueueOutcome.Failed("Soundcloud is not supported anymore", link, id);
        if (id.Length == 0 || (type == "yt" && !IsYouTubeId(id))) return new QueueOutcome.Failed("Invalid media ID", link, id);

        lock (_gate)
        {
            if (_items.Exists(item => item.Id == id)) return new QueueOutcome.Failed("This item is already on the playlist", link, id);
            long? after = _items.Count == 0 ? null : _items[^1].Uid;
            var uid = _items.Count == 0 ? 1 : _items.Max(item => item.Uid) + 1;
            _items.Add((uid, id));
            return new QueueOutcome.Queued(uid, json => WriteQueueEvent(json, type, id, uid, temp, queuedBy, after));
        }
    }

    private static void WriteQueueEvent(PythonJsonWriter json, string type, string id, long uid, bool temp, string queuedBy, long? after)
    {
        var live = LiveTypes.Contains(type);
        json.StartObject().Key("item").StartObject()
            .Key("media").StartObject()
            .Key("id").String(id).Key("title").String(live ? "Livestream" : $"{type}:{id}")
            .Key("seconds").Number(0).Key("duration").String(live ? "--:--" : "00:00")
            .Key("type").String(type).Key("meta").StartObject().EndObject()
            .EndObject()
            .Key("uid").Number(uid).Key("temp").Bool(temp).Key("queueby").String(queuedBy)
            .EndObject()
            .Key("after");
        if (after is long afterUid) json.Number(afterUid);
        else json.String("prepend");
        json.EndObject();
    }

    private void Add(JsonElement item)
    {
        if (item.TryGetProperty("uid", out var uid) && uid.TryGetInt64(out var value)
            && item.TryGetProperty("media", out var media) && media.TryGetProperty("id", out var id) && id.GetString() is { } mediaId)
        {
            _items.Add((value, mediaId));
        }
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

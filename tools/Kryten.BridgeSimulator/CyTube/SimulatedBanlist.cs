using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>One ban entry (cytube-catalog §0b); <c>ip</c> is <c>"*"</c> for a name ban.</summary>
internal sealed record BanEntry(long Id, string Ip, string Name, string Reason, string BannedBy);

/// <summary>
/// The channel ban list: learned from recorded <c>banlist</c>/<c>banlistRemove</c> events, added to by the bot's
/// <c>/ban</c>, emptied by <c>unban</c>. Not thread-safe: <see cref="SimulatedChannel"/> serializes access.
/// </summary>
internal sealed class SimulatedBanlist
{
    private readonly List<BanEntry> _bans = [];
    private long _nextId = 1;

    public IReadOnlyList<BanEntry> Bans => _bans;

    public void Observe(RecordedEvent recorded)
    {
        var payload = recorded.Payload;
        if (recorded.EventName == "banlist" && payload.ValueKind == JsonValueKind.Array)
        {
            _bans.Clear();
            foreach (var ban in payload.EnumerateArray())
            {
                if (ban.ValueKind == JsonValueKind.Object && ban.TryGetProperty("id", out var id) && id.TryGetInt64(out var value))
                    Add(new BanEntry(value, Text(ban, "ip"), Text(ban, "name"), Text(ban, "reason"), Text(ban, "bannedby")));
            }
        }
        else if (recorded.EventName == "banlistRemove" && payload.ValueKind == JsonValueKind.Object
                 && payload.TryGetProperty("id", out var removed) && removed.TryGetInt64(out var removedId))
        {
            Remove(removedId);
        }
    }

    /// <summary>A name ban as <c>/ban name reason</c> stores it (lowercase name); false when the name is already banned.</summary>
    public bool BanName(string name, string reason, string bannedBy)
    {
        name = name.ToLowerInvariant();
        if (_bans.Exists(ban => ban.Ip == "*" && ban.Name == name)) return false;
        Add(new BanEntry(_nextId, "*", name, reason, bannedBy));
        return true;
    }

    public bool Remove(long id) => _bans.RemoveAll(ban => ban.Id == id) > 0;

    /// <summary>The <c>banlist</c> payload.</summary>
    public void WritePayload(PythonJsonWriter json)
    {
        json.StartArray();
        foreach (var ban in _bans)
        {
            json.StartObject().Key("id").Number(ban.Id).Key("ip").String(ban.Ip).Key("name").String(ban.Name)
                .Key("reason").String(ban.Reason).Key("bannedby").String(ban.BannedBy).EndObject();
        }
        json.EndArray();
    }

    private void Add(BanEntry ban)
    {
        _bans.Add(ban);
        _nextId = Math.Max(_nextId, ban.Id + 1);
    }

    private static string Text(JsonElement ban, string key) =>
        ban.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

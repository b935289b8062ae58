using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>
/// The users the recording showed (<c>userlist</c>, <c>addUser</c>, <c>userLeave</c>, <c>setUserRank</c>): who is
/// online, and the ranks CyTube would have stored, which is what <c>requestChannelRanks</c> lists. Not thread-safe:
/// <see cref="SimulatedChannel"/> serializes access.
/// </summary>
internal sealed class SimulatedRoster(string channel)
{
    private sealed class Member(string name, double rank)
    {
        public string Name { get; } = name;
        public double Rank { get; set; } = rank;
        public bool Online { get; set; } = true;
    }

    // In the order first seen; members stay after leaving, as their stored ranks do.
    private readonly List<Member> _members = [];

    public void Observe(RecordedEvent recorded)
    {
        var payload = recorded.Payload;
        switch (recorded.EventName)
        {
            case "userlist" when payload.ValueKind == JsonValueKind.Array:
                foreach (var member in _members) member.Online = false;
                foreach (var user in payload.EnumerateArray()) See(user);
                break;
            case "addUser":
                See(payload);
                break;
            case "userLeave" when Name(payload) is { } name && Find(name) is { } member:
                member.Online = false;
                break;
            case "setUserRank" when Name(payload) is { } name && Find(name) is { } member
                                    && payload.TryGetProperty("rank", out var rank) && rank.ValueKind == JsonValueKind.Number:
                member.Rank = rank.GetDouble();
                break;
        }
    }

    /// <summary>The online user of that name (CyTube compares names case-insensitively), if any.</summary>
    public string? OnlineName(string name) => Find(name) is { Online: true } member ? member.Name : null;

    public void SetRank(string name, long rank)
    {
        if (Find(name) is { } member) member.Rank = rank;
    }

    /// <summary>The <c>channelRanks</c> payload: one <c>{name, rank, channel}</c> row per stored rank of 2 or more.</summary>
    public void WriteChannelRanks(PythonJsonWriter json)
    {
        json.StartArray();
        foreach (var member in _members.Where(m => m.Rank >= 2))
        {
            json.StartObject().Key("name").String(member.Name).Key("rank");
            if (member.Rank == Math.Floor(member.Rank)) json.Number((long)member.Rank);
            else json.Number(member.Rank);
            json.Key("channel").String(channel.ToLowerInvariant()).EndObject();
        }
        json.EndArray();
    }

    private void See(JsonElement user)
    {
        if (Name(user) is not { } name) return;
        var rank = user.TryGetProperty("rank", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : 0;
        if (Find(name) is { } member)
        {
            member.Rank = rank;
            member.Online = true;
        }
        else _members.Add(new Member(name, rank));
    }

    private Member? Find(string name) => _members.Find(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string? Name(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString() : null;
}

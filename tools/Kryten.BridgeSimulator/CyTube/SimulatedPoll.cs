using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>
/// The channel poll (cytube-catalog §1.5, §2.5): learned from recorded <c>newPoll</c>/<c>updatePoll</c>/<c>closePoll</c>,
/// opened, voted on and closed by the bot. Frames are the bot's view, and the bot is assumed to have
/// <c>viewhiddenpoll</c>, so hidden counts read <c>"3?"</c>. Timeouts do not close the poll here. Not thread-safe:
/// <see cref="SimulatedChannel"/> serializes access.
/// </summary>
internal sealed partial class SimulatedPoll(TimeProvider time)
{
    private const int MaxOptions = 50;

    private sealed record Poll(string Title, string[] Options, long[] Counts, bool Obscured, string Initiator, long Timestamp)
    {
        public int? BotVote { get; set; }
    }

    private Poll? _poll;

    public bool IsOpen => _poll is not null;

    public void Observe(RecordedEvent recorded)
    {
        var payload = recorded.Payload;
        switch (recorded.EventName)
        {
            case "newPoll" when payload.ValueKind == JsonValueKind.Object:
                var title = payload.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                var options = payload.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Array
                    ? o.EnumerateArray().Select(option => option.ValueKind == JsonValueKind.String ? option.GetString()! : "").ToArray() : [];
                var (counts, hidden) = Counts(payload, options.Length);
                var initiator = payload.TryGetProperty("initiator", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
                var timestamp = payload.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var ms) ? ms : 0;
                _poll = new Poll(title, options, counts, hidden, initiator, timestamp);
                break;
            case "updatePoll" when payload.ValueKind == JsonValueKind.Object && _poll is { } poll:
                var (updated, stillHidden) = Counts(payload, poll.Options.Length);
                _poll = poll with { Counts = updated, Obscured = stillHidden };
                break;
            case "closePoll":
                _poll = null;
                break;
        }
    }

    /// <summary>
    /// CyTube's <c>newPoll</c> handler for a typechecked frame: any open poll is closed first, then the frame is
    /// validated (the error goes back as <c>errorMsg</c>, the bridge sends no ack), then the poll opens.
    /// </summary>
    public List<CyTubeEvent> Open(string initiator, string title, IReadOnlyList<JsonElement> options, bool obscured, double timeout)
    {
        var events = Close();
        if (Validate(title, options, timeout) is { } error)
        {
            events.Add(new CyTubeEvent("errorMsg", json => json.StartObject().Key("msg").String(error).EndObject()));
            return events;
        }
        var poll = new Poll(Html(title), [.. options.Select(option => Html(PythonValue.Text(option)))], new long[options.Count], obscured,
            initiator, time.GetUtcNow().ToUnixTimeMilliseconds());
        _poll = poll;
        events.Add(new CyTubeEvent("newPoll", json => WriteFrame(json, poll, poll.Obscured)));
        return events;
    }

    /// <summary>CyTube's <c>vote</c>: one vote per voter, a changed vote moves; out-of-range options are ignored.</summary>
    public List<CyTubeEvent> Vote(long option)
    {
        if (_poll is not { } poll || option < 0 || option >= poll.Counts.Length || poll.BotVote == option) return [];
        if (poll.BotVote is { } previous) poll.Counts[previous]--;
        poll.Counts[option]++;
        poll.BotVote = (int)option;
        var snapshot = poll with { Counts = [.. poll.Counts] };
        return [new CyTubeEvent("updatePoll", json => WriteFrame(json, snapshot, snapshot.Obscured))];
    }

    /// <summary>CyTube's <c>closePoll</c>: a hidden poll shows its real counts once, then everyone gets <c>closePoll</c>.</summary>
    public List<CyTubeEvent> Close()
    {
        if (_poll is not { } poll) return [];
        _poll = null;
        var events = new List<CyTubeEvent>();
        if (poll.Obscured) events.Add(new CyTubeEvent("updatePoll", json => WriteFrame(json, poll, obscured: false)));
        events.Add(new CyTubeEvent("closePoll", json => json.Null()));
        return events;
    }

    private static string? Validate(string title, IReadOnlyList<JsonElement> options, double timeout)
    {
        if (title.Length > 255) return "Poll title must be no more than 255 characters long.";
        if (options.Count > MaxOptions) return $"Polls are limited to a maximum of {MaxOptions} options.";
        if (options.Any(option => option.ValueKind != JsonValueKind.String)) return "Poll options must be strings.";
        if (options.Any(option => PythonValue.Text(option).Length is 0 or > 255)) return "Poll options must be 1-255 characters long.";
        // The bridge always sends "timeout" (default 0), and CyTube refuses anything outside 1..86400.
        if (double.IsNaN(timeout) || timeout < 1 || timeout > 86400) return "Poll timeout must be between 1 and 86400 seconds";
        return null;
    }

    // Poll.toUpdateFrame; hidden counts are strings "N?" for viewers with viewhiddenpoll.
    private static void WriteFrame(PythonJsonWriter json, Poll poll, bool obscured)
    {
        json.StartObject().Key("title").String(poll.Title).Key("options").StartArray();
        foreach (var option in poll.Options) json.String(option);
        json.EndArray().Key("counts").StartArray();
        foreach (var count in poll.Counts)
        {
            if (obscured) json.String(count.ToString(CultureInfo.InvariantCulture) + "?");
            else json.Number(count);
        }
        json.EndArray().Key("initiator").String(poll.Initiator).Key("timestamp").Number(poll.Timestamp).EndObject();
    }

    private static (long[] Counts, bool Hidden) Counts(JsonElement payload, int length)
    {
        var counts = new long[length];
        var hidden = false;
        if (!payload.TryGetProperty("counts", out var sent) || sent.ValueKind != JsonValueKind.Array) return (counts, hidden);
        var index = 0;
        foreach (var count in sent.EnumerateArray())
        {
            if (index == length) break;
            if (count.ValueKind == JsonValueKind.String)
            {
                hidden = true;
                _ = long.TryParse(count.GetString()!.TrimEnd('?'), NumberStyles.None, CultureInfo.InvariantCulture, out counts[index]);
            }
            else if (count.TryGetInt64(out var value)) counts[index] = value;
            index++;
        }
        return (counts, hidden);
    }

    // XSS.sanitizeText, then links become anchors, as CyTube's Poll does with titles and options.
    private static string Html(string text)
    {
        var escaped = text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal).Replace("(", "&#40;", StringComparison.Ordinal)
            .Replace(")", "&#41;", StringComparison.Ordinal);
        return Link().Replace(escaped, "<a href=\"$1\" target=\"_blank\">$1</a>");
    }

    [GeneratedRegex(@"([A-Za-z0-9_]+://(?:[^:/\[\]\s]+|\[[0-9a-f:]+\])(?::[0-9]+)?(?:/[^/\s]*)*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}

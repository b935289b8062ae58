using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// The commands that ask CyTube for channel data — <c>requestChannelRanks</c>, <c>requestBanlist</c>,
/// <c>readChanLog</c>, <c>searchLibrary</c> and the name-only <c>unban</c> — plus <c>unban</c> by id and
/// <c>deleteFromLibrary</c>. The bridge waits for the answer on its own event subject and replies with the whole
/// envelope it published (wire-contract §3.3 notes, §4.4), so the simulator publishes the simulated answer and embeds
/// the very same bytes.
/// </summary>
internal static class ChannelDataCommands
{
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);
    private static readonly JsonElement DefaultCount = CommandArgs.Literal("100");
    private static readonly JsonElement Library = CommandArgs.Literal("\"library\"");

    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.None, RequestChannelRanks, "requestChannelRanks", "request_channel_ranks")
        .Add(ArgumentSource.None, RequestBanlist, "requestBanlist", "request_banlist")
        .Add(ArgumentSource.Args, Unban, "unban")
        .Add(ArgumentSource.Args, ReadChanLog, "readChanLog", "read_chan_log")
        .Add(ArgumentSource.Args, SearchLibrary, "searchLibrary", "search_library")
        .Add(ArgumentSource.Args, DeleteFromLibrary, "deleteFromLibrary", "delete_from_library");

    private static HandlerResult RequestChannelRanks(CommandContext context, CommandArgs args) =>
        Answered(context, "ranks", new CyTubeEvent("channelRanks", context.Channel.Roster.WriteChannelRanks));

    private static HandlerResult RequestBanlist(CommandContext context, CommandArgs args) =>
        Answered(context, "banlist", new CyTubeEvent("banlist", context.Channel.Bans.WritePayload));

    private static HandlerResult ReadChanLog(CommandContext context, CommandArgs args)
    {
        if (!PythonInt.TryConvert(args.Get("count", DefaultCount), out _, out var error)) return HandlerResult.Raise(error, "readChanLog with a bad count");
        return Answered(context, "log", new CyTubeEvent("readChanLog", context.Channel.Log.WritePayload));
    }

    private static HandlerResult SearchLibrary(CommandContext context, CommandArgs args)
    {
        var (query, source) = (args["query"], args.Get("source", Library));
        if (!PythonValue.IsTruthy(query)) return HandlerResult.Raise("Missing query", $"{context.Command} without query");
        // searchMedia is typechecked {source: string, query: string}: a dropped frame leaves the bridge waiting 5 s.
        if (PythonValue.AsString(query) is not { } text || PythonValue.AsString(source) is not { } where)
            return HandlerResult.Raise("CyTube did not respond with 'searchResults' within 5.0s", $"{context.Command} dropped by CyTube") with { Delay = AnswerWait };
        // The simulator cannot ask YouTube; it answers as a search that found nothing.
        Action<PythonJsonWriter> results = where == "yt"
            ? json => json.StartObject().Key("source").String("yt").Key("results").StartArray().EndArray().EndObject()
            : context.Channel.Library.Search(text);
        return Answered(context, "results", new CyTubeEvent("searchResults", results));
    }

    private static HandlerResult Unban(CommandContext context, CommandArgs args)
    {
        var banId = args.Either("ban_id", "id");
        var username = args.Either("username", "name");
        if (!PythonValue.IsTruthy(username)) return HandlerResult.Raise("Missing username or ban_id", "unban without username");
        if (PythonValue.IsNone(banId)) return UnbanByName(context, PythonValue.Str(username));
        if (!PythonInt.TryConvert(banId, out var id, out var error)) return HandlerResult.Raise(error, "unban with a bad ban_id");

        // unban is typechecked {id: number, name: string}; CyTube tells ban holders with banlistRemove.
        var summary = $"unban {id} {PythonValue.Str(username)}";
        if (PythonValue.AsString(username) is not { } name || id < long.MinValue || id > long.MaxValue
            || !context.Channel.Bans.Remove((long)id))
            return HandlerResult.Success(summary);
        return HandlerResult.Success(summary, [context.Publish(BanlistRemove((long)id, name))]);
    }

    // Without an id the bridge asks for the ban list and unbans every ban of that name (compared case-insensitively).
    private static HandlerResult UnbanByName(CommandContext context, string username)
    {
        var events = new List<PublishedEvent> { context.Publish(new CyTubeEvent("banlist", context.Channel.Bans.WritePayload)) };
        var matches = context.Channel.Bans.Bans
            .Where(ban => string.Equals(ban.Name.ToLowerInvariant(), username.ToLowerInvariant(), StringComparison.Ordinal)).ToList();
        foreach (var ban in matches)
        {
            context.Channel.Bans.Remove(ban.Id);
            events.Add(context.Publish(BanlistRemove(ban.Id, ban.Name)));
        }
        if (matches.Count == 0) return HandlerResult.Failure($"No active ban for '{username}'", $"unban {username}") with { Events = events };
        return HandlerResult.Data(json => json.StartObject().Key(KrytenWire.ReplySuccess).Bool(true).Key("removed").Number(matches.Count).EndObject(),
            $"unban {username} -> {matches.Count} removed", events);
    }

    private static HandlerResult DeleteFromLibrary(CommandContext context, CommandArgs args)
    {
        var mediaId = args.Either("media_id", "id");
        if (!PythonValue.IsTruthy(mediaId)) return HandlerResult.Raise("Missing media_id", $"{context.Command} without media_id");
        var id = PythonValue.Str(mediaId);
        // uncache has no answer; the library just forgets the item.
        var removed = context.Channel.Library.Uncache(id);
        return HandlerResult.Success($"{context.Command} {id}" + (removed ? "" : " (not in the library)"));
    }

    private static CyTubeEvent BanlistRemove(long id, string name) =>
        new("banlistRemove", json => json.StartObject().Key("id").Number(id).Key("name").String(name).EndObject());

    private static HandlerResult Answered(CommandContext context, string key, CyTubeEvent answer)
    {
        var published = context.Publish(answer);
        var envelope = Encoding.ASCII.GetString(published.Envelope);
        return HandlerResult.Data(json => json.StartObject().Key(key).Raw(envelope).EndObject(),
            $"{context.Command} -> {answer.EventName} published and returned", [published]);
    }
}

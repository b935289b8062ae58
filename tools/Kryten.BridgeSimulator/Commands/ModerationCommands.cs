using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// <c>mute</c>, <c>smute</c>, <c>kick</c>, <c>ban</c> (sent to CyTube as chat commands), <c>unkick</c> (a stub in the
/// bridge) and <c>setChannelRank</c>. The simulation records a <c>/ban</c> in the ban list and announces a rank change
/// of an online user; moderator notices and kicks are not simulated.
/// </summary>
internal static class ModerationCommands
{
    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.Args, (context, args) => ChatCommand(args, "mute", withReason: false), "mute")
        .Add(ArgumentSource.Args, (context, args) => ChatCommand(args, "smute", withReason: false), "smute")
        .Add(ArgumentSource.Args, (context, args) => ChatCommand(args, "kick", withReason: true), "kick")
        .Add(ArgumentSource.Args, Ban, "ban")
        .Add(ArgumentSource.None, Unkick, "unkick")
        .Add(ArgumentSource.Args, SetChannelRank, "setChannelRank", "set_channel_rank");

    // The text the bridge puts in the chatMsg it emits: "/kick bob" or "/kick bob reason".
    private static HandlerResult ChatCommand(CommandArgs args, string verb, bool withReason) =>
        Text(args, verb, withReason) is { } text ? HandlerResult.Success(text) : HandlerResult.Raise("Missing username", verb + " without username");

    private static string? Text(CommandArgs args, string verb, bool withReason)
    {
        var username = args.Either("username", "name");
        if (!PythonValue.IsTruthy(username)) return null;
        var reason = withReason ? args.Get("reason", CommandArgs.EmptyString) : default;
        return $"/{verb} {PythonValue.Str(username)}" + (PythonValue.IsTruthy(reason) ? " " + PythonValue.Str(reason) : "");
    }

    // CyTube's /ban: the first word is the name (stored lowercase), the rest is the reason (at most 255 characters).
    private static HandlerResult Ban(CommandContext context, CommandArgs args)
    {
        if (Text(args, "ban", withReason: true) is not { } text) return HandlerResult.Raise("Missing username", "ban without username");
        var words = text.Split(' ');
        var name = words.Length > 1 ? words[1] : "";
        var reason = string.Join(' ', words.Skip(2));
        if (reason.Length > 255) reason = reason[..255];
        var banned = IsUserName(name) && !string.Equals(name, context.Bridge.BotName, StringComparison.OrdinalIgnoreCase)
            && context.Channel.Bans.BanName(name, reason, context.Bridge.BotName);
        return HandlerResult.Success(text + (banned ? " (added to the ban list)" : ""));
    }

    private static HandlerResult Unkick(CommandContext context, CommandArgs args) =>
        HandlerResult.Data(json => json.StartObject().Key(KrytenWire.ReplyError).String("Not implemented in handler yet").EndObject(), "unkick (not implemented)");

    private static HandlerResult SetChannelRank(CommandContext context, CommandArgs args)
    {
        var username = args.Either("username", "name");
        var rankArg = args["rank"];
        if (!PythonValue.IsTruthy(username) || PythonValue.IsNone(rankArg))
            return HandlerResult.Raise("Missing username or rank", "setChannelRank without username or rank");
        if (!PythonInt.TryConvert(rankArg, out var rank, out var error)) return HandlerResult.Raise(error, "setChannelRank with a bad rank");

        var summary = $"setChannelRank {PythonValue.Str(username)} {rank}";
        // CyTube's typecheck wants a string name; an online target of a valid rank change hears it as setUserRank.
        if (PythonValue.AsString(username) is not { } typed) return HandlerResult.Success(summary);
        var name = typed.Length > 20 ? typed[..20] : typed;
        if (!IsUserName(name) || rank < 1 || rank > 4 || string.Equals(name, context.Bridge.BotName, StringComparison.OrdinalIgnoreCase))
            return HandlerResult.Success(summary);
        context.Channel.Roster.SetRank(name, (long)rank);
        if (context.Channel.Roster.OnlineName(name) is null) return HandlerResult.Success(summary);
        return HandlerResult.Success(summary, [context.Publish(new CyTubeEvent("setUserRank", json => json.StartObject()
            .Key("name").String(name).Key("rank").Number((long)rank).EndObject()))]);
    }

    // ^[\w-]{1,20}$ with JavaScript's ASCII \w.
    private static bool IsUserName(string name) => name.Length is >= 1 and <= 20 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}

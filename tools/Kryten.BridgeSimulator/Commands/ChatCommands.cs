using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// <c>say</c> and <c>pm</c>. The bridge ignores the sender's result, so both always report success; CyTube echoes a
/// chat line to everyone and a PM to both ends, which the simulation does when the text is a string (CyTube's
/// typecheck drops anything else).
/// </summary>
internal static class ChatCommands
{
    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.Args, Say, "say")
        .Add(ArgumentSource.Args, PrivateMessage, "pm");

    private static HandlerResult Say(CommandContext context, CommandArgs args)
    {
        var message = args.Either("message", "msg");
        if (!PythonValue.IsTruthy(message)) return HandlerResult.Raise("Missing message", "say without message");
        var text = PythonValue.AsString(message);
        var echo = text is null ? [] : new[]
        {
            context.Publish(new CyTubeEvent("chatMsg", json => json.StartObject()
                .Key("username").String(context.Bridge.BotName).Key("msg").String(text).Key("meta").StartObject().EndObject()
                .Key("time").Number(context.Time.GetUtcNow().ToUnixTimeMilliseconds()).EndObject())),
        };
        return HandlerResult.Success($"say \"{PythonValue.Str(message)}\"", echo);
    }

    private static HandlerResult PrivateMessage(CommandContext context, CommandArgs args)
    {
        var to = args.Either("username", "to");
        var message = args.Either("message", "msg");
        if (!PythonValue.IsTruthy(to) || !PythonValue.IsTruthy(message))
            return HandlerResult.Raise("Missing username or message", "pm without username or message");
        var (recipient, text) = (PythonValue.AsString(to), PythonValue.AsString(message));
        var echo = recipient is null || text is null ? [] : new[]
        {
            context.Publish(new CyTubeEvent("pm", json => json.StartObject()
                .Key("username").String(context.Bridge.BotName).Key("msg").String(text).Key("meta").StartObject().EndObject()
                .Key("time").Number(context.Time.GetUtcNow().ToUnixTimeMilliseconds()).Key("to").String(recipient).EndObject())),
        };
        return HandlerResult.Success($"pm to {PythonValue.Str(to)}: \"{PythonValue.Str(message)}\"", echo);
    }
}

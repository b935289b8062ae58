using System.Text.Json;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// <c>newPoll</c>, <c>vote</c> and <c>closePoll</c>. The bridge sends <c>options</c> as CyTube's <c>opts</c> and always
/// includes <c>timeout</c> (default 0, which CyTube refuses with an <c>errorMsg</c>); <c>vote</c> coerces with
/// <c>int()</c>, which raises on text like <c>"abc"</c>. CyTube's answers come from <see cref="SimulatedPoll"/>.
/// </summary>
internal static class PollCommands
{
    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.Args, NewPoll, "newPoll", "new_poll")
        .Add(ArgumentSource.Args, Vote, "vote")
        .Add(ArgumentSource.None, ClosePoll, "closePoll", "close_poll");

    private static HandlerResult NewPoll(CommandContext context, CommandArgs args)
    {
        var title = args["title"];
        var options = args.Get("options", CommandArgs.EmptyArray);
        var obscured = args.Get("obscured", CommandArgs.False);
        var timeout = args.Get("timeout", CommandArgs.Zero);
        if (!PythonValue.IsTruthy(title) || !PythonValue.IsTruthy(options))
            return HandlerResult.Raise("Missing title or options", $"{context.Command} without title or options");

        var summary = $"{context.Command} \"{PythonValue.Str(title)}\"";
        // newPoll is typechecked {title: string, opts: array, obscured: boolean, timeout: number}: else dropped.
        if (PythonValue.AsString(title) is not { } text || options.ValueKind != JsonValueKind.Array
            || obscured.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || timeout.ValueKind != JsonValueKind.Number)
            return HandlerResult.Success(summary + " (dropped by CyTube)");
        var events = context.Channel.Poll.Open(context.Bridge.BotName, text, [.. options.EnumerateArray()],
            obscured.ValueKind == JsonValueKind.True, PythonValue.ToDouble(timeout));
        return HandlerResult.Success(summary, context.Publish(events));
    }

    private static HandlerResult Vote(CommandContext context, CommandArgs args)
    {
        var option = args["option"];
        if (PythonValue.IsNone(option)) return HandlerResult.Raise("Missing option", "vote without option");
        if (!PythonInt.TryConvert(option, out var index, out var error)) return HandlerResult.Raise(error, "vote with a bad option");
        var events = index >= 0 && index < int.MaxValue ? context.Channel.Poll.Vote((long)index) : [];
        return HandlerResult.Success($"vote {index}", context.Publish(events));
    }

    private static HandlerResult ClosePoll(CommandContext context, CommandArgs args) =>
        HandlerResult.Success(context.Command, context.Publish(context.Channel.Poll.Close()));
}

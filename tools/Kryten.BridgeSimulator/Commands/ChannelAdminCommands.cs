using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// Channel administration: MOTD, custom CSS/JS, options, permissions, emotes and chat filters, each under its
/// camelCase and snake_case name. CyTube broadcasts a new MOTD (<c>setMotd</c>) and changed CSS/JS
/// (<c>channelCSSJS</c>); options, permissions, emotes and filters need validation and state the simulator does not
/// keep, so they report success without events. The MOTD is sent as given: CyTube's HTML sanitizer is not simulated.
/// </summary>
internal static class ChannelAdminCommands
{
    private const int MaxMotdLength = 20000;

    private static readonly System.Text.Json.JsonElement Imgur = CommandArgs.Literal("\"imgur\"");

    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.Args, SetMotd, "setMotd", "set_motd")
        .Add(ArgumentSource.Args, (context, args) => SetCustomization(context, args, "css"), "setChannelCSS", "set_channel_css")
        .Add(ArgumentSource.Args, (context, args) => SetCustomization(context, args, "js"), "setChannelJS", "set_channel_js")
        .Add(ArgumentSource.Args, (context, args) => RequiredObject(args, "options"), "setOptions", "set_options")
        .Add(ArgumentSource.Args, (context, args) => RequiredObject(args, "permissions"), "setPermissions", "set_permissions")
        .Add(ArgumentSource.Args, UpdateEmote, "updateEmote", "update_emote")
        .Add(ArgumentSource.Args, (context, args) => RequiredName(context, args), "removeEmote", "remove_emote")
        .Add(ArgumentSource.Args, Filter, "addFilter", "add_filter")
        .Add(ArgumentSource.Args, Filter, "updateFilter", "update_filter")
        .Add(ArgumentSource.Args, (context, args) => RequiredName(context, args), "removeFilter", "remove_filter");

    // setMotd is typechecked {motd: string}; CyTube keeps the first 20000 characters and broadcasts the result.
    private static HandlerResult SetMotd(CommandContext context, CommandArgs args)
    {
        var motd = args.Get("motd", CommandArgs.EmptyString);
        if (PythonValue.AsString(motd) is not { } text) return HandlerResult.Success($"{context.Command} (not a string, dropped by CyTube)");
        if (text.Length > MaxMotdLength) text = text[..MaxMotdLength];
        return HandlerResult.Success($"{context.Command} ({text.Length} characters)",
            [context.Publish(new CyTubeEvent("setMotd", json => json.String(text)))]);
    }

    private static HandlerResult SetCustomization(CommandContext context, CommandArgs args, string key)
    {
        var value = args.Get(key, CommandArgs.EmptyString);
        var summary = $"{context.Command} ({PythonValue.Str(value).Length} characters)";
        if (PythonValue.AsString(value) is not { } text) return HandlerResult.Success(summary + " (not a string, dropped by CyTube)");
        var customization = context.Channel.Customization;
        return (key == "css" ? customization.SetCss(text) : customization.SetJs(text)) is { } changed
            ? HandlerResult.Success(summary, [context.Publish(changed)])
            : HandlerResult.Success(summary + " (unchanged)");
    }

    private static HandlerResult RequiredObject(CommandArgs args, string key) =>
        PythonValue.IsTruthy(args.Get(key, CommandArgs.EmptyObject))
            ? HandlerResult.Success($"set {key}")
            : HandlerResult.Raise("Missing " + key, $"set {key} without {key}");

    private static HandlerResult UpdateEmote(CommandContext context, CommandArgs args)
    {
        var (name, image) = (args["name"], args["image"]);
        if (!PythonValue.IsTruthy(name) || !PythonValue.IsTruthy(image))
            return HandlerResult.Raise("Missing name or image", $"{context.Command} without name or image");
        return HandlerResult.Success($"{context.Command} {PythonValue.Str(name)} from {PythonValue.Str(args.Get("source", Imgur))}");
    }

    private static HandlerResult RequiredName(CommandContext context, CommandArgs args) =>
        PythonValue.IsTruthy(args["name"])
            ? HandlerResult.Success($"{context.Command} {PythonValue.Str(args["name"])}")
            : HandlerResult.Raise("Missing name", $"{context.Command} without name");

    private static HandlerResult Filter(CommandContext context, CommandArgs args) =>
        PythonValue.IsTruthy(args["name"]) && PythonValue.IsTruthy(args["source"])
            ? HandlerResult.Success($"{context.Command} {PythonValue.Str(args["name"])}")
            : HandlerResult.Raise("Missing name or source", $"{context.Command} without name or source");
}

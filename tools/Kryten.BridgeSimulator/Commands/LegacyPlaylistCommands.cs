using System.Text.Json;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// <c>playlist.move</c>, <c>playlist.queue</c> and <c>playlist.delete</c>: they read the request's <c>payload</c>, not
/// <c>args</c>, and reply <c>{"status": "sent", ...}</c>. The frames they emit (<c>moveVideo</c>, <c>queue {media}</c>,
/// <c>delete {uid}</c>) are not what CyTube accepts, so nothing happens on the channel.
/// </summary>
internal static class LegacyPlaylistCommands
{
    private static readonly JsonElement Unknown = CommandArgs.Literal("\"unknown\"");

    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.Payload, Move, "playlist.move")
        .Add(ArgumentSource.Payload, Queue, "playlist.queue")
        .Add(ArgumentSource.Payload, Delete, "playlist.delete");

    private static HandlerResult Move(CommandContext context, CommandArgs payload)
    {
        var (from, after) = (payload["from_uid"], payload["after_uid"]);
        if (!PythonValue.IsTruthy(from) || !PythonValue.IsTruthy(after))
            return HandlerResult.Raise("Missing from_uid or after_uid in payload", "playlist.move without from_uid or after_uid");
        return HandlerResult.Data(json => json.StartObject().Key("status").String("sent")
            .Key("from_uid").Element(from).Key("after_uid").Element(after).EndObject(), "playlist.move (ignored by CyTube)");
    }

    private static HandlerResult Queue(CommandContext context, CommandArgs payload)
    {
        var item = payload["item"];
        if (!PythonValue.IsTruthy(item)) return HandlerResult.Raise("Missing item in payload", "playlist.queue without item");
        // The handler reads item.get("title", "unknown") after emitting, so an item that is not a dict raises.
        if (item.ValueKind != JsonValueKind.Object)
            return HandlerResult.Raise($"'{PythonValue.TypeName(item)}' object has no attribute 'get'", "playlist.queue with a non-object item");
        var title = new CommandArgs(item).Get("title", Unknown);
        return HandlerResult.Data(json => json.StartObject().Key("status").String("sent").Key("title").Element(title).EndObject(),
            "playlist.queue (ignored by CyTube)");
    }

    private static HandlerResult Delete(CommandContext context, CommandArgs payload)
    {
        var uid = payload["uid"];
        if (!PythonValue.IsTruthy(uid)) return HandlerResult.Raise("Missing uid in payload", "playlist.delete without uid");
        return HandlerResult.Data(json => json.StartObject().Key("status").String("sent").Key("uid").Element(uid).EndObject(),
            "playlist.delete (ignored by CyTube)");
    }
}

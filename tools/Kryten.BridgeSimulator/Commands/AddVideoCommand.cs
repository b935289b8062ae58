using System.Text.Json;
using System.Text.RegularExpressions;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// <c>addvideo</c>: the bridge builds CyTube's <c>queue</c> frame from <c>type</c>+<c>id</c> (or the legacy
/// <c>url</c>), then waits up to 8 s for the first <c>queue</c> or a matching <c>queueFail</c>. A frame CyTube drops
/// (typecheck, unknown <c>pos</c>, url without type) leaves the bridge waiting out the 8 s: <c>{"success": true,
/// "uid": null}</c>.
/// </summary>
internal static partial class AddVideoCommand
{
    private static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(8);
    private static readonly JsonElement End = CommandArgs.Literal("\"end\"");

    public static void Register(CommandTable table) => table.Add(ArgumentSource.Args, AddVideo, "addvideo");

    private static HandlerResult AddVideo(CommandContext context, CommandArgs args)
    {
        var (url, type, id) = (args["url"], args["type"], args["id"]);
        var pos = args.Get("pos", End);
        var temp = args.Get("temp", CommandArgs.True);
        var requested = args.Either("id", "url");

        JsonElement frameType = default, frameId;
        if (!PythonValue.IsNone(type) && !PythonValue.IsNone(id))
        {
            (frameType, frameId) = (type, id);
            if (PythonValue.AsString(type) == "cu" && Grindhouse(PythonValue.AsString(id)) is { } custom) (frameType, frameId) = custom;
        }
        else if (!PythonValue.IsNone(url))
        {
            // The sender runs a regex over the url, which raises (and fails the send) for anything but a str.
            if (PythonValue.AsString(url) is not { } link) return HandlerResult.Failure("Failed to add video", "addvideo with a non-string url");
            if (Grindhouse(link) is { } custom) (frameType, frameId) = custom;
            else frameId = url;
        }
        else return HandlerResult.Failure("Failed to add video", "addvideo without type/id or url");

        var summary = $"addvideo {PythonValue.Str(frameType)}:{PythonValue.Str(frameId)}";
        // CyTube's typecheck: type str, id str, pos str, temp bool; then pos must be "next" or "end".
        if (PythonValue.AsString(frameType) is not { } mediaType || PythonValue.AsString(frameId) is not { } mediaId
            || PythonValue.AsString(pos) is not ("next" or "end") || temp.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return NoAnswer(summary + " -> dropped by CyTube");

        switch (context.Channel.Playlist.Queue(mediaType, mediaId, PythonValue.Text(pos), temp.ValueKind == JsonValueKind.True, context.Bridge.BotName))
        {
            case QueueOutcome.Queued queued:
                var events = new List<PublishedEvent>();
                if (queued.MovedFrom is { } moved)
                    events.Add(context.Publish(new CyTubeEvent("delete", json => json.StartObject().Key("uid").Number(moved).EndObject())));
                events.Add(context.Publish(new CyTubeEvent("queue", queued.QueueEventPayload)));
                return HandlerResult.Data(json => json.StartObject().Key(KrytenWire.ReplySuccess).Bool(true).Key("uid").Number(queued.Uid).EndObject(),
                    $"{summary} -> queued as uid {queued.Uid}", events);
            case QueueOutcome.Failed failed:
                var fail = context.Publish(new CyTubeEvent("queueFail", failed.WritePayload));
                // The bridge takes a queueFail about another id for someone else's and keeps waiting.
                if (PythonValue.IsTruthy(requested) && failed.Id.Length > 0 && PythonValue.Str(requested) != failed.Id)
                    return NoAnswer($"{summary} -> queueFail for another id") with { Events = [fail] };
                return HandlerResult.Data(json =>
                    {
                        json.StartObject().Key(KrytenWire.ReplySuccess).Bool(false).Key(KrytenWire.ReplyError).String(failed.Message).Key("queue_fail");
                        failed.WritePayload(json);
                        json.EndObject();
                    },
                    $"{summary} -> queueFail \"{failed.Message}\"", [fail]);
            default:
                throw new InvalidOperationException("unexpected queue outcome");
        }
    }

    private static HandlerResult NoAnswer(string summary) =>
        HandlerResult.Data(json => json.StartObject().Key(KrytenWire.ReplySuccess).Bool(true).Key("uid").Null().EndObject(), summary + ", uid null after 8 s")
        with { Delay = QueueWait };

    // The bridge rewrites 420grindhouse.com view links to CyTube custom media (type cm) before queueing.
    private static (JsonElement Type, JsonElement Id)? Grindhouse(string? link)
    {
        if (link is null || GrindhouseView().Match(link) is not { Success: true } match) return null;
        var json = $"https://www.420grindhouse.com/api/v1/media/cytube/{match.Groups[1].Value}.json?format=json";
        return (CommandArgs.Literal("\"cm\""), CommandArgs.Literal(JsonSerializerString(json)));
    }

    private static string JsonSerializerString(string text) => new PythonJsonWriter().String(text).ToString();

    [GeneratedRegex(@"\Ahttps?://(?:www\.)?420grindhouse\.com/view\?m=([A-Za-z0-9_-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex GrindhouseView();
}

using System.Globalization;
using System.Text.Json;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// The playlist and playback commands other than <c>addvideo</c>. The sender coerces digit strings to numbers (and
/// fails the send when <c>int()</c> refuses); CyTube then deletes, moves or flags a known uid and broadcasts
/// <c>delete</c>, <c>moveVideo</c> or <c>setTemp</c>, and answers <c>clearPlaylist</c> with an empty playlist. Jumps,
/// shuffles, skips and playback control change what plays, which the simulator leaves alone: no events.
/// </summary>
internal static class PlaylistCommands
{
    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.Args, DeleteVideo, "rmvideo")
        .Add(ArgumentSource.Args, MoveVideo, "mvvideo")
        .Add(ArgumentSource.Args, Jump, "jump")
        .Add(ArgumentSource.None, Clear, "clear")
        .Add(ArgumentSource.None, (context, args) => HandlerResult.Success("shuffle"), "shuffle")
        .Add(ArgumentSource.Args, SetTemp, "settemp")
        .Add(ArgumentSource.None, (context, args) => HandlerResult.Success("pause"), "pause")
        .Add(ArgumentSource.None, (context, args) => HandlerResult.Success("play"), "play")
        .Add(ArgumentSource.Args, Seek, "seek")
        .Add(ArgumentSource.None, (context, args) => HandlerResult.Success("voteskip"), "voteskip")
        .Add(ArgumentSource.Args, AssignLeader, "assignLeader")
        .Add(ArgumentSource.None, (context, args) => HandlerResult.Success("playNext"), "playNext");

    private static HandlerResult DeleteVideo(CommandContext context, CommandArgs args)
    {
        var uid = args["uid"];
        if (PythonValue.IsNone(uid)) return HandlerResult.Raise("Missing uid", "rmvideo without uid");
        // Every str goes through int() here; CyTube then acts only on a number it knows.
        if (!TryCoerce(uid, anyString: true, out var sent)) return HandlerResult.Failure("Failed to delete video", $"rmvideo {PythonValue.Repr(uid)}");
        if (WholeNumber(sent) is not { } value || !context.Channel.Playlist.Delete(value))
            return HandlerResult.Success($"rmvideo {PythonValue.Str(sent)} (not on the playlist)");
        return HandlerResult.Success($"rmvideo {value}",
            [context.Publish(new CyTubeEvent("delete", json => json.StartObject().Key("uid").Number(value).EndObject()))]);
    }

    private static HandlerResult MoveVideo(CommandContext context, CommandArgs args)
    {
        var (from, after) = (args["from"], args["after"]);
        if (PythonValue.IsNone(from) || PythonValue.IsNone(after)) return HandlerResult.Raise("Missing 'from' or 'after'", "mvvideo without from or after");
        if (!TryCoerce(from, anyString: false, out var sentFrom) || !TryCoerce(after, anyString: false, out var sentAfter))
            return HandlerResult.Failure("Failed to move video", "mvvideo");
        var summary = $"mvvideo {PythonValue.Str(sentFrom)} after {PythonValue.Str(sentAfter)}";
        // moveMedia is typechecked {from: number, after: number|string}; CyTube broadcasts the accepted frame as is.
        if (WholeNumber(sentFrom) is not { } fromUid || sentAfter.ValueKind is not (JsonValueKind.Number or JsonValueKind.String)
            || (sentAfter.ValueKind == JsonValueKind.Number && WholeNumber(sentAfter) is null)
            || !context.Channel.Playlist.Move(fromUid, sentAfter))
            return HandlerResult.Success(summary + " (ignored by CyTube)");
        return HandlerResult.Success(summary, [context.Publish(new CyTubeEvent("moveVideo", json =>
        {
            json.StartObject().Key("from").Number(fromUid).Key("after");
            if (WholeNumber(sentAfter) is { } afterUid) json.Number(afterUid);
            else json.String(PythonValue.Text(sentAfter));
            json.EndObject();
        }))]);
    }

    // The sender calls uid.isdigit(), so anything but a str (a JSON number included) fails the send.
    private static HandlerResult Jump(CommandContext context, CommandArgs args)
    {
        var uid = args["uid"];
        if (PythonValue.IsNone(uid)) return HandlerResult.Raise("Missing uid", "jump without uid");
        if (uid.ValueKind != JsonValueKind.String || !TryCoerce(uid, anyString: false, out var sent))
            return HandlerResult.Failure("Failed to jump to video", $"jump {PythonValue.Repr(uid)}");
        return HandlerResult.Success($"jump {PythonValue.Str(sent)}");
    }

    private static HandlerResult Clear(CommandContext context, CommandArgs args)
    {
        context.Channel.Playlist.Clear();
        return HandlerResult.Success("clear",
        [
            context.Publish(new CyTubeEvent("playlist", json => json.StartArray().EndArray())),
            context.Publish(new CyTubeEvent("setPlaylistMeta", json => json.StartObject()
                .Key("count").Number(0).Key("rawTime").Number(0).Key("time").String("00:00").EndObject())),
        ]);
    }

    private static HandlerResult SetTemp(CommandContext context, CommandArgs args)
    {
        var (uid, temp) = (args["uid"], args["temp"]);
        if (PythonValue.IsNone(uid) || PythonValue.IsNone(temp)) return HandlerResult.Raise("Missing uid or temp", "settemp without uid or temp");
        if (!TryCoerce(uid, anyString: false, out var sent)) return HandlerResult.Failure("Failed to set temp", "settemp");
        var summary = $"settemp {PythonValue.Str(sent)} {PythonValue.Str(temp)}";
        // setTemp is typechecked {uid: number, temp: boolean}; CyTube broadcasts it for a uid it knows.
        if (WholeNumber(sent) is not { } value || temp.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            || !context.Channel.Playlist.SetTemp(value, temp.ValueKind == JsonValueKind.True))
            return HandlerResult.Success(summary + " (ignored by CyTube)");
        var flag = temp.ValueKind == JsonValueKind.True;
        return HandlerResult.Success(summary,
            [context.Publish(new CyTubeEvent("setTemp", json => json.StartObject().Key("uid").Number(value).Key("temp").Bool(flag).EndObject()))]);
    }

    private static HandlerResult Seek(CommandContext context, CommandArgs args) =>
        PythonValue.IsNone(args["time"]) ? HandlerResult.Raise("Missing time", "seek without time") : HandlerResult.Success($"seek {PythonValue.Str(args["time"])}");

    private static HandlerResult AssignLeader(CommandContext context, CommandArgs args) =>
        HandlerResult.Success($"assignLeader \"{PythonValue.Str(args.Get("name", CommandArgs.EmptyString))}\"");

    /// <summary>
    /// The sender's uid coercion: a str that is all digits (with <paramref name="anyString"/>, any str) goes through
    /// <c>int()</c>; false when that raised, which fails the send.
    /// </summary>
    private static bool TryCoerce(JsonElement value, bool anyString, out JsonElement sent)
    {
        sent = value;
        if (PythonValue.AsString(value) is not { } text || (!anyString && !PythonInt.IsDigits(text))) return true;
        if (!PythonInt.TryParse(text, out var number, out _)) return false;
        sent = CommandArgs.Literal(number.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    // A JSON number JavaScript reads as a whole number (17 or 17.0).
    private static long? WholeNumber(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number) return null;
        var number = PythonValue.ToDouble(value);
        return number == Math.Floor(number) && Math.Abs(number) < 9e15 ? (long)number : null;
    }
}

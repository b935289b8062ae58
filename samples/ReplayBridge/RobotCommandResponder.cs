using System.Text.Json;

namespace Kryten.Samples.ReplayBridge;

/// <summary>
/// Answers <c>kryten.robot.command</c> the way the bridge's robot handler does (wire-contract §3.3): same processing
/// order, same reply shapes and texts, silent for unknown commands and for another bridge's <c>meta</c>. CyTube's side
/// is simulated: <c>say</c>/<c>pm</c> are echoed as events, <c>addvideo</c> is checked against the playlist.
/// </summary>
internal sealed class RobotCommandResponder
{
    private const string BridgeVersion = "1.12.4";

    // Commands without arguments whose handler returns {"success": true} when CyTube is connected.
    private static readonly HashSet<string> PlainCommands = ["pause", "play", "voteskip", "shuffle", "clear", "playNext"];

    private readonly string _domain;
    private readonly string _channel;
    private readonly string _botName;
    private readonly SimulatedPlaylist _playlist;
    private readonly TimeProvider _time;
    private readonly long _startedAt;

    public RobotCommandResponder(string domain, string channel, string botName, SimulatedPlaylist playlist, TimeProvider time)
    {
        _domain = domain;
        _channel = channel;
        _botName = botName;
        _playlist = playlist;
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    public CommandOutcome Handle(ReadOnlySpan<byte> body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return Error("Invalid JSON: " + e.Message, "invalid JSON");
        }
        using (doc)
        {
            return Handle(doc.RootElement);
        }
    }

    private CommandOutcome Handle(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return Error($"'{PythonTypeName(request)}' object has no attribute 'get'", "request is not an object");
        if (!request.TryGetProperty("command", out var commandElement) || commandElement.ValueKind != JsonValueKind.String
            || commandElement.GetString() is not { Length: > 0 } command)
            return Error("Missing 'command' field", "request without a command");

        if (IsForAnotherBridge(request)) return Silent($"ignored '{command}': meta names another bridge");
        if (request.TryGetProperty("service", out var service) && IsTruthy(service)
            && service.GetString() is not ("robot" or "system"))
            return Error($"Command intended for '{Describe(service)}', not 'robot'", $"'{command}' for another service");

        var args = request.TryGetProperty("args", out var a) ? a : default;
        if (command != "system.ping" && args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
            return Error($"'{PythonTypeName(args)}' object has no attribute 'get'", $"'{command}' with non-object args");

        return command switch
        {
            "say" => Say(args),
            "pm" => PrivateMessage(args),
            "addvideo" => AddVideo(args),
            "system.ping" => Ping(),
            _ when PlainCommands.Contains(command) => Success(command, json => json.StartObject().Key("success").Bool(true).EndObject(), [], command),
            _ => Silent($"ignored unknown command '{command}'"),
        };
    }

    private CommandOutcome Say(JsonElement args)
    {
        if ((TruthyString(args, "message") ?? TruthyString(args, "msg")) is not { } message) return Error("Missing message", "say without message");
        var echo = new EmittedEvent("chatMsg", json => json.StartObject()
            .Key("username").String(_botName).Key("msg").String(message).Key("meta").StartObject().EndObject()
            .Key("time").Number(_time.GetUtcNow().ToUnixTimeMilliseconds()).EndObject());
        return Success("say", SuccessData, [echo], $"say \"{message}\"");
    }

    private CommandOutcome PrivateMessage(JsonElement args)
    {
        var to = TruthyString(args, "username") ?? TruthyString(args, "to");
        var message = TruthyString(args, "message") ?? TruthyString(args, "msg");
        if (to is null || message is null) return Error("Missing username or message", "pm without username or message");
        var echo = new EmittedEvent("pm", json => json.StartObject()
            .Key("username").String(_botName).Key("msg").String(message).Key("meta").StartObject().EndObject()
            .Key("time").Number(_time.GetUtcNow().ToUnixTimeMilliseconds()).Key("to").String(to).EndObject());
        return Success("pm", SuccessData, [echo], $"pm to {to}: \"{message}\"");
    }

    private CommandOutcome AddVideo(JsonElement args)
    {
        var type = TruthyString(args, "type") ?? "";
        var id = TruthyString(args, "id") ?? TruthyString(args, "url") ?? "";
        var temp = !args.TryGetProperty("temp", out var t) || t.ValueKind != JsonValueKind.False;
        switch (_playlist.Queue(type, id, temp, _botName))
        {
            case QueueOutcome.Queued queued:
                return Success("addvideo",
                    json => json.StartObject().Key("success").Bool(true).Key("uid").Number(queued.Uid).EndObject(),
                    [new EmittedEvent("queue", queued.QueueEventPayload)],
                    $"addvideo {type}:{id} -> queued as uid {queued.Uid}");
            case QueueOutcome.Failed failed:
                return Success("addvideo",
                    json =>
                    {
                        json.StartObject().Key("success").Bool(false).Key("error").String(failed.Message).Key("queue_fail");
                        failed.WritePayload(json);
                        json.EndObject();
                    },
                    [new EmittedEvent("queueFail", failed.WritePayload)],
                    $"addvideo {type}:{id} -> queueFail \"{failed.Message}\"");
            default:
                throw new InvalidOperationException("unexpected queue outcome");
        }
    }

    // The robot handler's ping shape (wire-contract §4.3), with CyTube "connected".
    private CommandOutcome Ping()
    {
        var uptime = _time.GetElapsedTime(_startedAt).TotalSeconds;
        return Success("system.ping", json => json.StartObject()
            .Key("pong").Bool(true).Key("service").String("robot").Key("version").String(BridgeVersion)
            .Key("uptime_seconds").Number(Math.Round(uptime, 3))
            .Key("timestamp").String(BridgeEnvelope.PythonIsoTimestamp(_time.GetUtcNow()))
            .Key("cytube_connected").Bool(true).Key("channel").String(_channel).Key("domain").String(_domain)
            .EndObject(), [], "system.ping");
    }

    // The guard runs only when meta has both keys: domain compared exactly, channel case-insensitively.
    private bool IsForAnotherBridge(JsonElement request)
    {
        if (!request.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object) return false;
        if (!meta.TryGetProperty("domain", out var domain) || !meta.TryGetProperty("channel", out var channel)) return false;
        return Describe(domain) != _domain
            || !string.Equals(Describe(channel).ToLowerInvariant(), _channel.ToLowerInvariant(), StringComparison.Ordinal);
    }

    private static void SuccessData(PythonJsonWriter json) => json.StartObject().Key("success").Bool(true).EndObject();

    private static CommandOutcome Success(string command, Action<PythonJsonWriter> writeData, IReadOnlyList<EmittedEvent> events, string summary)
    {
        var json = new PythonJsonWriter().StartObject()
            .Key("service").String("robot").Key("command").String(command).Key("success").Bool(true).Key("data");
        writeData(json);
        return new CommandOutcome(json.EndObject().ToUtf8(), events, summary);
    }

    private static CommandOutcome Error(string error, string summary)
    {
        var reply = new PythonJsonWriter().StartObject()
            .Key("service").String("robot").Key("success").Bool(false).Key("error").String(error)
            .EndObject().ToUtf8();
        return new CommandOutcome(reply, [], summary + " -> error \"" + error + "\"");
    }

    private static CommandOutcome Silent(string summary) => new(null, [], summary);

    private static string? TruthyString(JsonElement args, string key) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(key, out var value)
        && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Length > 0,
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.Number => value.GetDouble() != 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        _ => true,
    };

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string PythonTypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0 ? "float" : "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}

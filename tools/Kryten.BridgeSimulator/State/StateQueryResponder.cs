using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.Lifecycle;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.State;

/// <summary>
/// The bridge's state handler, its second responder on <c>kryten.robot.command</c> (wire-contract §4.1–4.2), which runs
/// only when the state manager started: <c>state.*</c> from <see cref="ChannelState"/>, <c>system.services</c> from the
/// <see cref="ServiceRegistry"/>, and its own <c>system.ping</c>/<c>system.health</c> shapes, which race the robot
/// handler's. No <c>meta</c> guard; a <c>service</c> other than <c>robot</c> is ignored. <c>system.stats</c> (its nested
/// shape) and <c>system.reload</c> (it reads a config file the simulator does not have) are left to the robot handler
/// and to nobody.
/// </summary>
internal sealed class StateQueryResponder
{
    private delegate HandlerResult Query(StateQueryResponder responder, CommandArgs request);

    // Silent and unlogged: most requests are the robot handler's, which logs them.
    private static readonly CommandOutcome Silent = new(null, [], "");
    private static readonly JsonElement DefaultShutdownDelay = CommandArgs.Zero;
    private static readonly JsonElement DefaultShutdownReason = CommandArgs.Literal("\"Remote shutdown via system.shutdown\"");

    private static readonly Dictionary<string, Query> Queries = new(StringComparer.Ordinal)
    {
        ["state.emotes"] = (r, _) => Data("emotes", r._state.WriteEmotes),
        ["state.playlist"] = (r, _) => Data("playlist", r._state.WritePlaylist),
        ["state.userlist"] = (r, _) => Data("userlist", r._state.WriteUserlist),
        ["state.all"] = (r, _) => r.All(),
        ["state.user"] = (r, request) => r.User(request["username"]),
        ["state.profiles"] = (r, _) => Data("profiles", r._state.WriteProfiles),
        ["state.motd"] = (r, _) => Data("motd", r._state.WriteMotd),
        ["state.css"] = (r, _) => Data("css", r._state.WriteCss),
        ["state.js"] = (r, _) => Data("js", r._state.WriteJs),
        // Nothing in the bridge ever fills these two.
        ["state.options"] = (_, _) => Data("options", json => json.StartObject().EndObject()),
        ["state.permissions"] = (_, _) => Data("permissions", json => json.StartObject().EndObject()),
        ["system.health"] = (r, _) => r.Health(),
        ["system.channels"] = (r, _) => r.Channels(),
        ["system.version"] = (_, _) => Data("version", json => json.String(SystemCommands.BridgeVersion)),
        ["system.services"] = (r, _) => r.Services(),
        ["system.config"] = (r, _) => HandlerResult.Data(r._config.Write, "system.config"),
        ["system.ping"] = (r, _) => r.Ping(),
        ["system.shutdown"] = (r, request) => r.Shutdown(request),
    };

    private readonly BridgeConfig _config;
    private readonly ChannelState _state;
    private readonly ServiceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly long _processStart;
    private long _processed;
    private long _failed;

    /// <param name="config">The bridge's configuration, which <c>system.config</c> shows.</param>
    /// <param name="state">The state manager's copy of the channel.</param>
    /// <param name="registry">The service registry.</param>
    /// <param name="time">The clock.</param>
    /// <param name="processStart">When the bridge process started (<see cref="TimeProvider.GetTimestamp"/>), for its uptime.</param>
    public StateQueryResponder(BridgeConfig config, ChannelState state, ServiceRegistry registry, TimeProvider time, long processStart)
    {
        (_config, _state, _registry, _time, _processStart) = (config, state, registry, time, processStart);
    }

    /// <summary>Answers one request; the reply is null where the state handler stays silent.</summary>
    public CommandOutcome Handle(ReadOnlySpan<byte> body)
    {
        var request = CommandArgs.EmptyObject;
        if (!body.IsEmpty)
        {
            try
            {
                using var parsed = JsonDocument.Parse(body.ToArray());
                request = parsed.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return Failed(default, "Invalid JSON: " + e.Message, "invalid JSON");
            }
        }
        // The error reply reads request.get("command") too, so a request that is not a dict gets no reply at all.
        if (request.ValueKind != JsonValueKind.Object)
        {
            Interlocked.Increment(ref _failed);
            return Silent;
        }
        var args = new CommandArgs(request);
        var command = args[KrytenWire.RequestCommand];
        if (!PythonValue.IsTruthy(command)) return Failed(command, $"Missing '{KrytenWire.RequestCommand}' field", "request without a command");
        var service = args[KrytenWire.RequestService];
        if (PythonValue.IsTruthy(service) && PythonValue.AsString(service) != KrytenWire.RobotService) return Silent;
        if (command.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            return Failed(command, $"unhashable type: '{PythonValue.TypeName(command)}'", "unhashable command");
        if (PythonValue.AsString(command) is not { } name || !Queries.TryGetValue(name, out var query)) return Silent;

        var result = query(this, args);
        if (result.Error is { } error) return Failed(command, error, result.Summary);
        var reply = new PythonJsonWriter().StartObject()
            .Key(KrytenWire.ReplyService).String(KrytenWire.RobotService).Key(KrytenWire.ReplyCommand).String(name)
            .Key(KrytenWire.ReplySuccess).Bool(true).Key(KrytenWire.ReplyData);
        result.WriteData!(reply);
        Interlocked.Increment(ref _processed);
        var summary = result.Summary.Length > 0 ? result.Summary : name;
        return new CommandOutcome(reply.EndObject().ToUtf8(), [], "state handler: " + summary) { ShutdownAfter = result.ShutdownAfter };
    }

    private HandlerResult All()
    {
        if (!_state.TryCount(out var counts, out var error)) return HandlerResult.Raise(error, "state.all");
        return HandlerResult.Data(json =>
        {
            _state.WriteEmotes(json.StartObject().Key("emotes"));
            _state.WritePlaylist(json.Key("playlist"));
            _state.WriteUserlist(json.Key("userlist"));
            json.Key("stats").StartObject().Key("emote_count").Number(counts.Emotes).Key("playlist_count").Number(counts.Playlist)
                .Key("user_count").Number(counts.Users).EndObject()
                .EndObject();
        }, "state.all");
    }

    // The lookup is a dict lookup by the exact name: a name that is not a str finds nobody (a list or dict raises).
    private HandlerResult User(JsonElement username)
    {
        if (!PythonValue.IsTruthy(username)) return HandlerResult.Raise("username required", "state.user without username");
        if (username.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            return HandlerResult.Raise($"unhashable type: '{PythonValue.TypeName(username)}'", "state.user with an unhashable name");
        if (PythonValue.AsString(username) is not { } name)
            return HandlerResult.Data(json => json.StartObject().Key("user").Null().Key("profile").Null().EndObject(), "state.user");
        return HandlerResult.Data(json => _state.WriteUser(json, name), $"state.user {name}");
    }

    private HandlerResult Health()
    {
        var (processed, failed) = (Interlocked.Read(ref _processed), Interlocked.Read(ref _failed));
        return HandlerResult.Data(json => json.StartObject()
            .Key("service").String(KrytenWire.RobotService).Key("status").String("healthy")
            .Key("domain").String(_config.Identity.Domain).Key("channel").String(_config.Identity.Channel)
            .Key("nats_connected").Bool(true).Key("queries_processed").Number(processed).Key("queries_failed").Number(failed)
            .EndObject(), "system.health");
    }

    // `connected` is the NATS connection's state, not CyTube's.
    private HandlerResult Channels() => HandlerResult.Data(json => json.StartObject().Key("channels").StartArray()
        .StartObject().Key("domain").String(_config.Identity.Domain).Key("channel").String(_config.Identity.Channel).Key("connected").Bool(true).EndObject()
        .EndArray().EndObject(), "system.channels");

    private HandlerResult Services()
    {
        var json = new PythonJsonWriter();
        return _registry.TryWriteServices(json, out var error)
            ? HandlerResult.Data(reply => reply.Raw(json.ToString()), "system.services")
            : HandlerResult.Raise(error, "system.services");
    }

    // Uptime since the process started, time.time() differences: not rounded.
    private HandlerResult Ping()
    {
        var uptime = _time.GetElapsedTime(_processStart).TotalSeconds;
        return HandlerResult.Data(json => json.StartObject()
            .Key("pong").Bool(true).Key("timestamp").String(KrytenTimestamps.Format(_time.GetUtcNow()))
            .Key("uptime_seconds").Number(uptime).Key("service").String(KrytenWire.RobotService)
            .Key("version").String(SystemCommands.BridgeVersion)
            .EndObject(), "system.ping");
    }

    // float(delay) in 0..300, truncated to int; the bridge replies first, then shuts down gracefully after the delay.
    private HandlerResult Shutdown(CommandArgs request)
    {
        if (!PythonFloat.TryConvert(request.Get("delay_seconds", DefaultShutdownDelay), out var delay))
            return HandlerResult.Raise("delay_seconds must be a number", "system.shutdown with a bad delay");
        if (delay < 0 || delay > 300) return HandlerResult.Raise("delay_seconds must be between 0 and 300", "system.shutdown with a bad delay");
        if (double.IsNaN(delay)) return HandlerResult.Raise("cannot convert float NaN to integer", "system.shutdown with a NaN delay");
        var seconds = (long)Math.Truncate(delay);
        var reason = request.Get("reason", DefaultShutdownReason);
        var at = _time.GetUtcNow().AddSeconds(seconds);
        return HandlerResult.Data(json => json.StartObject()
            .Key("success").Bool(true).Key("message").String("Shutdown initiated").Key("delay_seconds").Number(seconds)
            .Key("shutdown_time").String(KrytenTimestamps.Format(at)).Key("reason").Element(reason)
            .EndObject(), $"system.shutdown in {seconds} s") with { ShutdownAfter = TimeSpan.FromSeconds(seconds) };
    }

    // {key: value}, the shape of every state.* answer.
    private static HandlerResult Data(string key, Action<PythonJsonWriter> write) => HandlerResult.Data(json =>
    {
        write(json.StartObject().Key(key));
        json.EndObject();
    }, "");

    private CommandOutcome Failed(JsonElement command, string error, string summary)
    {
        Interlocked.Increment(ref _failed);
        var reply = new PythonJsonWriter().StartObject()
            .Key(KrytenWire.ReplyService).String(KrytenWire.RobotService).Key(KrytenWire.ReplyCommand);
        // request.get("command", "unknown"): "unknown" only when the key is missing.
        if (command.ValueKind == JsonValueKind.Undefined) reply.String("unknown");
        else reply.Element(command);
        reply.Key(KrytenWire.ReplySuccess).Bool(false).Key(KrytenWire.ReplyError).String(error).EndObject();
        return new CommandOutcome(reply.ToUtf8(), [], $"state handler: {summary} -> error \"{error}\"");
    }
}

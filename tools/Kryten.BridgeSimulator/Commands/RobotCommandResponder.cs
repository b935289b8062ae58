using System.Text.Json;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// Answers <c>kryten.robot.command</c> the way the bridge's robot handler does (wire-contract §3.3): same processing
/// order, same reply shapes and texts, silent for unknown commands and for another bridge's <c>meta</c>. Every command
/// of the table is answered as with CyTube connected and the command sender available; what CyTube does in return is
/// simulated by <see cref="SimulatedChannel"/> (the handlers are in <see cref="CommandTable"/>).
/// </summary>
internal sealed class RobotCommandResponder
{
    private readonly BridgeIdentity _bridge;
    private readonly SimulatedChannel _channel;
    private readonly TimeProvider _time;
    private readonly BridgeCounters _counters;
    private readonly long _startedAt;

    public RobotCommandResponder(BridgeIdentity bridge, SimulatedChannel channel, TimeProvider time, BridgeCounters? counters = null)
    {
        _bridge = bridge;
        _channel = channel;
        _time = time;
        _counters = counters ?? new BridgeCounters();
        _startedAt = time.GetTimestamp();
    }

    public CommandOutcome Handle(ReadOnlySpan<byte> body)
    {
        _counters.CommandReceived();
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
            return Error($"'{PythonValue.TypeName(request)}' object has no attribute 'get'", "request is not an object");
        var command = request.TryGetProperty(KrytenWire.RequestCommand, out var c) ? c : default;
        if (!PythonValue.IsTruthy(command)) return Error($"Missing '{KrytenWire.RequestCommand}' field", "request without a command");
        var name = PythonValue.Str(command);

        if (MetaGuard(request) is { } guard)
            return guard.Length == 0 ? Silent($"ignored '{name}': meta names another bridge") : Error(guard, $"'{name}' with a malformed meta");
        if (request.TryGetProperty(KrytenWire.RequestService, out var service) && PythonValue.IsTruthy(service)
            && PythonValue.AsString(service) is not (KrytenWire.RobotService or KrytenWire.SystemService))
            return Error($"Command intended for '{PythonValue.Str(service)}', not '{KrytenWire.RobotService}'", $"'{name}' for another service");

        // The handler table is a dict: a list or dict as the key raises, any other unknown key is ignored.
        if (command.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            return Error($"unhashable type: '{PythonValue.TypeName(command)}'", "unhashable command");
        if (command.ValueKind != JsonValueKind.String || !CommandTable.Bridge.TryGet(name, out var handler, out var source))
            return Silent($"ignored unknown command '{name}'");

        var input = source switch
        {
            ArgumentSource.Args => request.TryGetProperty(KrytenWire.RequestArgs, out var args) ? args : CommandArgs.EmptyObject,
            ArgumentSource.Payload => request.TryGetProperty(KrytenWire.RequestPayload, out var payload) ? payload : CommandArgs.EmptyObject,
            _ => CommandArgs.EmptyObject,
        };
        if (input.ValueKind != JsonValueKind.Object)
            return Error($"'{PythonValue.TypeName(input)}' object has no attribute 'get'", $"'{name}' with a non-object {source.ToString().ToLowerInvariant()}");

        var context = new CommandContext(name, request, _bridge, _channel, _counters, _time, _time.GetElapsedTime(_startedAt));
        var result = _channel.Exclusive(() => handler(context, new CommandArgs(input)));
        return result.Error is { } error
            ? Error(error, result.Summary, result.Events, result.Delay)
            : Success(name, result.WriteData!, result.Events, result.Summary, result.Delay);
    }

    /// <summary>
    /// The routing guard, which runs only when <c>meta</c> has both keys: "" when the request is for another bridge
    /// (domain compared exactly, channel case-insensitively), the Python error when <c>channel.lower()</c> cannot run,
    /// null when the request is for this bridge.
    /// </summary>
    private string? MetaGuard(JsonElement request)
    {
        if (!request.TryGetProperty(KrytenWire.RequestMeta, out var meta) || meta.ValueKind != JsonValueKind.Object) return null;
        if (!meta.TryGetProperty(KrytenWire.MetaDomain, out var domain) || !meta.TryGetProperty(KrytenWire.MetaChannel, out var channel)) return null;
        if (PythonValue.AsString(domain) != _bridge.Domain) return "";
        if (PythonValue.AsString(channel) is not { } text) return $"'{PythonValue.TypeName(channel)}' object has no attribute 'lower'";
        return string.Equals(text.ToLowerInvariant(), _bridge.Channel.ToLowerInvariant(), StringComparison.Ordinal) ? null : "";
    }

    private static CommandOutcome Success(string command, Action<PythonJsonWriter> writeData, IReadOnlyList<PublishedEvent> events,
        string summary, TimeSpan delay)
    {
        var json = new PythonJsonWriter().StartObject()
            .Key(KrytenWire.ReplyService).String(KrytenWire.RobotService).Key(KrytenWire.ReplyCommand).String(command)
            .Key(KrytenWire.ReplySuccess).Bool(true).Key(KrytenWire.ReplyData);
        writeData(json);
        return new CommandOutcome(json.EndObject().ToUtf8(), events, summary, delay);
    }

    private static CommandOutcome Error(string error, string summary, IReadOnlyList<PublishedEvent>? events = null, TimeSpan delay = default)
    {
        var reply = new PythonJsonWriter().StartObject()
            .Key(KrytenWire.ReplyService).String(KrytenWire.RobotService).Key(KrytenWire.ReplySuccess).Bool(false)
            .Key(KrytenWire.ReplyError).String(error)
            .EndObject().ToUtf8();
        return new CommandOutcome(reply, events ?? [], summary + " -> error \"" + error + "\"", delay);
    }

    private static CommandOutcome Silent(string summary) => new(null, [], summary);
}

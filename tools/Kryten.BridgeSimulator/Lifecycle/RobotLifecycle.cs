using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Lifecycle;

/// <summary>A lifecycle message: its subject, its exact bytes, and its own keys after the base ones (for the log).</summary>
internal sealed record LifecycleMessage(string Subject, byte[] Body, string Extra);

/// <summary>
/// The bridge's <c>LifecycleEventPublisher</c> for service <c>robot</c> (wire-contract §5.1): every payload starts with
/// <c>service, version, hostname, timestamp, uptime_seconds</c> (seconds since <see cref="Start"/>, to the microsecond),
/// then the event's own keys in the bridge's order. The bridge never heartbeats. Wire names of the lifecycle protocol
/// live here and nowhere else in the simulator.
/// </summary>
internal sealed class RobotLifecycle(string hostname, TimeProvider time)
{
    public const string SubjectPrefix = "kryten.lifecycle.";
    public const string GroupRestartSubject = SubjectPrefix + "group.restart";
    public const string Startup = "startup";
    public const string Heartbeat = "heartbeat";
    public const string Shutdown = "shutdown";
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";

    private static readonly JsonElement DefaultRestartDelay = CommandArgs.Literal("5");

    private PythonDateTime _startedAt;

    /// <summary><c>lifecycle.start()</c>: uptime counts from here.</summary>
    public void Start() => _startedAt = PythonDateTime.Now(time);

    /// <summary>(1) right after NATS connects: no extra keys.</summary>
    public LifecycleMessage StartupEvent() => Build(Startup, _ => { });

    /// <summary>(2) right after (1): <c>target: "NATS", servers</c>.</summary>
    public LifecycleMessage NatsConnected(IReadOnlyList<string> servers) => Build(Connected, json =>
    {
        json.Key("target").String("NATS").Key("servers").StartArray();
        foreach (var server in servers) json.String(server);
        json.EndArray();
    });

    /// <summary>(3) after the first CyTube connect: <c>target: "CyTube", domain, channel</c>.</summary>
    public LifecycleMessage CyTubeConnected(string domain, string channel) =>
        Build(Connected, json => json.Key("target").String("CyTube").Key("domain").String(domain).Key("channel").String(channel));

    /// <summary>(4) when fully ready, the second startup: <c>domain, channel, commands_enabled, health_enabled</c>.</summary>
    public LifecycleMessage Ready(string domain, string channel, bool commandsEnabled, bool healthEnabled) => Build(Startup, json => json
        .Key("domain").String(domain).Key("channel").String(channel)
        .Key("commands_enabled").Bool(commandsEnabled).Key("health_enabled").Bool(healthEnabled));

    /// <summary>During a graceful shutdown only, never when a connection is lost.</summary>
    public LifecycleMessage CyTubeDisconnected() =>
        Build(Disconnected, json => json.Key("target").String("CyTube").Key("reason").String("Graceful shutdown"));

    /// <summary>The last message of a graceful shutdown.</summary>
    public LifecycleMessage ShutdownEvent() => Build(Shutdown, json => json.Key("reason").String("Normal shutdown"));

    /// <summary>
    /// How long the bridge waits after <c>kryten.lifecycle.group.restart</c> before it shuts down gracefully:
    /// <c>asyncio.sleep(data.get("delay_seconds", 5))</c>, so a negative delay is none. Null when the bridge's callback
    /// fails on the notice (not a JSON object, a delay that is not a number) or would never wake.
    /// </summary>
    public static TimeSpan? RestartDelay(ReadOnlySpan<byte> body)
    {
        double seconds;
        try
        {
            using var parsed = JsonDocument.Parse(body.ToArray());
            if (parsed.RootElement.ValueKind != JsonValueKind.Object) return null;
            var delay = new CommandArgs(parsed.RootElement).Get("delay_seconds", DefaultRestartDelay);
            if (delay.ValueKind is not (JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)) return null;
            seconds = delay.ValueKind == JsonValueKind.Number ? PythonValue.ToDouble(delay) : delay.ValueKind == JsonValueKind.True ? 1 : 0;
        }
        catch (JsonException)
        {
            return null;
        }
        if (double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds) return null;
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }

    /// <summary>The payload from its parts, for exact-byte tests against the contract's examples (TV-29).</summary>
    internal static byte[] Payload(string hostname, DateTimeOffset timestamp, double? uptimeSeconds, Action<PythonJsonWriter> extra)
    {
        var json = new PythonJsonWriter().StartObject()
            .Key("service").String(KrytenWire.RobotService).Key("version").String(SystemCommands.BridgeVersion)
            .Key("hostname").String(hostname).Key("timestamp").String(KrytenTimestamps.Format(timestamp))
            .Key("uptime_seconds");
        if (uptimeSeconds is { } uptime) json.Number(uptime);
        else json.Null();
        extra(json);
        return json.EndObject().ToUtf8();
    }

    private LifecycleMessage Build(string kind, Action<PythonJsonWriter> extra)
    {
        var now = PythonDateTime.Now(time);
        // Before start() the bridge has no start time and sends null.
        double? uptime = _startedAt.TrySecondsUntil(now, out var seconds, out _) ? seconds : null;
        var own = new PythonJsonWriter().StartObject();
        extra(own);
        return new LifecycleMessage(SubjectPrefix + KrytenWire.RobotService + "." + kind,
            Payload(hostname, new DateTimeOffset(now.Wall, TimeSpan.Zero), uptime, extra), own.EndObject().ToString());
    }
}

using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Lifecycle;

/// <summary>
/// The bridge's service registry (wire-contract §5.3): what <c>kryten.lifecycle.*.startup</c>, <c>.heartbeat</c> and
/// <c>.shutdown</c> told it, keyed by the payload's <c>service</c> name only, in memory (a restarted bridge knows
/// nobody), answered through <c>system.services</c>. A message the bridge's Python would fail on (not JSON, not an
/// object, an unreadable timestamp, a <c>metadata</c> that is not an object) changes nothing; a <c>service</c> that is
/// not a string is ignored too, where Python would register it under a number.
/// </summary>
internal sealed class ServiceRegistry(TimeProvider time)
{
    private const double StaleAfterSeconds = 90;
    private static readonly JsonElement Unknown = CommandArgs.Literal("\"unknown\"");
    private static readonly JsonElement HealthPath = CommandArgs.Literal("\"/health\"");
    private static readonly JsonElement MetricsPath = CommandArgs.Literal("\"/metrics\"");

    private sealed class Entry(string name, PythonDateTime firstSeen)
    {
        public string Name { get; } = name;
        public PythonDateTime FirstSeen { get; } = firstSeen;
        public PythonDateTime LastStartup { get; set; }
        public PythonDateTime LastHeartbeat { get; set; }
        public long HeartbeatCount { get; set; }
        public JsonElement Version { get; set; }
        public JsonElement Hostname { get; set; }
        public (JsonElement Port, JsonElement Path) Health { get; set; }
        public (JsonElement Port, JsonElement Path) Metrics { get; set; }
        public JsonElement Metadata { get; set; }
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _services = new(StringComparer.Ordinal);

    /// <summary>Handles one lifecycle message; returns a line for the log, or null when it changed nothing.</summary>
    /// <param name="kind"><see cref="RobotLifecycle.Startup"/>, <see cref="RobotLifecycle.Heartbeat"/> or <see cref="RobotLifecycle.Shutdown"/>.</param>
    /// <param name="body">The message body.</param>
    public string? Observe(string kind, ReadOnlySpan<byte> body)
    {
        JsonElement data;
        try
        {
            using var parsed = JsonDocument.Parse(body.ToArray());
            data = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
        if (data.ValueKind != JsonValueKind.Object || !PythonValue.IsTruthy(new CommandArgs(data)["service"])
            || PythonValue.AsString(new CommandArgs(data)["service"]) is not { } name) return null;
        lock (_gate)
        {
            return kind switch
            {
                RobotLifecycle.Startup => Started(name, data),
                RobotLifecycle.Heartbeat => Heartbeat(name, data),
                RobotLifecycle.Shutdown => _services.Remove(name) ? $"service {name} shut down" : null,
                _ => null,
            };
        }
    }

    /// <summary>
    /// The <c>system.services</c> data: every entry's <c>ServiceInfo.to_dict()</c> sorted by name, the count, and how
    /// many are not stale (no heartbeat for more than 90 s). A naive timestamp fails it, with Python's error, as it
    /// fails the bridge.
    /// </summary>
    public bool TryWriteServices(PythonJsonWriter json, out string error)
    {
        var now = PythonDateTime.Now(time);
        lock (_gate)
        {
            var rows = new List<(Entry Entry, double Seconds)>();
            foreach (var entry in _services.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (!entry.LastHeartbeat.TrySecondsUntil(now, out var seconds, out error)) return false;
                rows.Add((entry, seconds));
            }
            error = "";
            json.StartObject().Key("services").StartArray();
            foreach (var (entry, seconds) in rows) WriteInfo(json, entry, seconds);
            json.EndArray().Key("count").Number(rows.Count).Key("active_count").Number(rows.Count(row => !IsStale(row.Seconds))).EndObject();
            return true;
        }
    }

    // A known name is a restart: everything but first_seen and the heartbeat count is replaced.
    private string? Started(string name, JsonElement data)
    {
        var args = new CommandArgs(data);
        if (!TryTimestamp(args, out var timestamp) || !TryDict(args, "metadata", out var metadata)
            || !TryDict(new CommandArgs(metadata), "endpoints", out var endpoints)
            || !TryDict(new CommandArgs(endpoints), "health", out var health) || !TryDict(new CommandArgs(endpoints), "metrics", out var metrics)) return null;
        var isNew = !_services.TryGetValue(name, out var entry);
        entry ??= _services[name] = new Entry(name, timestamp);
        entry.Version = args.Get("version", Unknown);
        entry.Hostname = args.Get("hostname", Unknown);
        entry.LastStartup = entry.LastHeartbeat = timestamp;
        entry.Health = (new CommandArgs(health)["port"], new CommandArgs(health).Get("path", HealthPath));
        entry.Metrics = (new CommandArgs(metrics)["port"], new CommandArgs(metrics).Get("path", MetricsPath));
        entry.Metadata = data;
        return $"service {name} {(isNew ? "registered" : "restarted")}";
    }

    // Heartbeats from a service that never announced its startup are ignored.
    private string? Heartbeat(string name, JsonElement data)
    {
        if (!TryTimestamp(new CommandArgs(data), out var timestamp) || !_services.TryGetValue(name, out var entry)) return null;
        entry.LastHeartbeat = timestamp;
        entry.HeartbeatCount++;
        return null;
    }

    // datetime.fromisoformat(data.get("timestamp", now.isoformat())): a missing timestamp is now, anything else must parse.
    private bool TryTimestamp(CommandArgs data, out PythonDateTime timestamp)
    {
        var sent = data["timestamp"];
        if (sent.ValueKind == JsonValueKind.Undefined)
        {
            timestamp = PythonDateTime.Now(time);
            return true;
        }
        timestamp = default;
        return PythonValue.AsString(sent) is { } text && PythonDateTime.TryFromIsoFormat(text, out timestamp);
    }

    // d.get(key, {}) followed by .get(...): a missing key reads as {}, a present one must be a dict.
    private static bool TryDict(CommandArgs parent, string key, out JsonElement dict)
    {
        dict = parent.Get(key, CommandArgs.EmptyObject);
        return dict.ValueKind == JsonValueKind.Object;
    }

    private static void WriteInfo(PythonJsonWriter json, Entry entry, double seconds) => json.StartObject()
        .Key("name").String(entry.Name).Key("version").Element(entry.Version).Key("hostname").Element(entry.Hostname)
        .Key("first_seen").String(entry.FirstSeen.IsoFormat()).Key("last_heartbeat").String(entry.LastHeartbeat.IsoFormat())
        .Key("last_startup").String(entry.LastStartup.IsoFormat()).Key("heartbeat_count").Number(entry.HeartbeatCount)
        .Key("seconds_since_heartbeat").Number(seconds).Key("is_stale").Bool(IsStale(seconds))
        .Key("health_port").Element(entry.Health.Port).Key("health_path").Element(entry.Health.Path)
        .Key("health_url").Raw(Url(entry, entry.Health))
        .Key("metrics_port").Element(entry.Metrics.Port).Key("metrics_path").Element(entry.Metrics.Path)
        .Key("metrics_url").Raw(Url(entry, entry.Metrics))
        .Key("metadata").Element(entry.Metadata)
        .EndObject();

    // f"http://{hostname}:{port}{path}" when the port is truthy, else None.
    private static string Url(Entry entry, (JsonElement Port, JsonElement Path) endpoint) => PythonValue.IsTruthy(endpoint.Port)
        ? new PythonJsonWriter().String($"http://{PythonValue.Str(entry.Hostname)}:{PythonValue.Str(endpoint.Port)}{PythonValue.Str(endpoint.Path)}").ToString()
        : "null";

    private static bool IsStale(double secondsSinceHeartbeat) => secondsSinceHeartbeat > StaleAfterSeconds;
}

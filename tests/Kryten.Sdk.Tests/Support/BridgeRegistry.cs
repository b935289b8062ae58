using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Support;

/// <summary>
/// The bridge's service registry as it behaves (wire-contract §5.3, Kryten-Robot's service_registry.py), on a plain NATS
/// connection: it reads every lifecycle startup, heartbeat and shutdown, keeps services by name, and answers
/// <c>system.services</c> on <c>kryten.robot.command</c> with <c>ServiceInfo.to_dict()</c> entries. What the bridge
/// would drop or choke on (a startup without <c>service</c>, a heartbeat before any startup, a timestamp without an
/// offset, which breaks its staleness arithmetic) is listed in <see cref="Refused"/>. <see cref="Restart"/> forgets
/// everyone, as a bridge restart does.
/// </summary>
internal sealed partial class BridgeRegistry : IAsyncDisposable
{
    private readonly NatsConnection _nats;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Entry> _services = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];

    private BridgeRegistry(NatsConnection nats) => _nats = nats;

    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<BridgeRegistry> StartAsync(string url)
    {
        var nats = new NatsConnection(NatsOpts.Default with { Url = url });
        await nats.ConnectAsync();
        var registry = new BridgeRegistry(nats);
        foreach (var subject in new[] { "kryten.lifecycle.*.startup", "kryten.lifecycle.*.heartbeat", "kryten.lifecycle.*.shutdown", "kryten.robot.command" })
        {
            var sub = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: registry._stop.Token);
            registry._loops.Add(Task.Run(() => registry.ServeAsync(sub)));
        }
        await nats.PingAsync();   // the server has the subscriptions
        return registry;
    }

    public void Restart() => _services.Clear();

    private async Task ServeAsync(INatsSub<byte[]> sub)
    {
        try
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync(_stop.Token))
            {
                using var doc = JsonDocument.Parse(msg.Data ?? []);
                var root = doc.RootElement;
                if (msg.Subject == "kryten.robot.command")
                {
                    if (msg.ReplyTo is not null && root.GetProperty("command").GetString() == "system.services") await _nats.PublishAsync(msg.ReplyTo, ServicesReply());
                }
                else if (msg.Subject.EndsWith(".startup", StringComparison.Ordinal)) Startup(root);
                else if (msg.Subject.EndsWith(".heartbeat", StringComparison.Ordinal)) Heartbeat(root);
                else if (root.TryGetProperty("service", out var name)) _services.TryRemove(name.GetString()!, out _);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Startup(JsonElement payload)
    {
        if (!payload.TryGetProperty("service", out var service) || service.GetString() is not { } name)
        {
            Refused.Enqueue("startup without service");
            return;
        }
        if (!TryTimestamp(payload, out var at)) return;
        var endpoints = payload.TryGetProperty("metadata", out var m) && m.TryGetProperty("endpoints", out var e) ? e.Clone() : default;
        _services.AddOrUpdate(name,
            _ => new Entry(name, Text(payload, "version"), Text(payload, "hostname"), at, at, at, 0, endpoints, payload.Clone()),
            (_, old) => old with { Version = Text(payload, "version"), Hostname = Text(payload, "hostname"), LastStartup = at, LastHeartbeat = at, Endpoints = endpoints, Metadata = payload.Clone() });
    }

    private void Heartbeat(JsonElement payload)
    {
        var name = payload.TryGetProperty("service", out var s) ? s.GetString() : null;
        if (name is null || !_services.TryGetValue(name, out var entry))
        {
            Refused.Enqueue($"heartbeat from unregistered service {name}");
            return;
        }
        if (TryTimestamp(payload, out var at)) _services[name] = entry with { LastHeartbeat = at, HeartbeatCount = entry.HeartbeatCount + 1 };
    }

    // Python's datetime.fromisoformat reads both +00:00 and Z; a naive time makes `now - last_heartbeat` raise TypeError.
    private bool TryTimestamp(JsonElement payload, out DateTimeOffset at)
    {
        at = DateTimeOffset.UtcNow;
        if (!payload.TryGetProperty("timestamp", out var t)) return true;
        var text = t.GetString() ?? "";
        if (OffsetSuffix().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at)) return true;
        Refused.Enqueue($"timestamp without an offset: {text}");
        return false;
    }

    private static string Text(JsonElement payload, string key) => payload.TryGetProperty(key, out var v) && v.GetString() is { } s ? s : "unknown";

    private byte[] ServicesReply()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("service", "robot");
            w.WriteString("command", "system.services");
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteStartArray("services");
            var now = DateTimeOffset.UtcNow;
            var entries = _services.Values.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
            foreach (var entry in entries) entry.Write(w, now);
            w.WriteEndArray();
            w.WriteNumber("count", entries.Count);
            w.WriteNumber("active_count", entries.Count(v => !v.IsStale(now)));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        await _nats.DisposeAsync();
        _stop.Dispose();
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetSuffix();

    private sealed record Entry(string Name, string Version, string Hostname, DateTimeOffset FirstSeen, DateTimeOffset LastHeartbeat, DateTimeOffset LastStartup,
        int HeartbeatCount, JsonElement Endpoints, JsonElement Metadata)
    {
        public bool IsStale(DateTimeOffset now) => (now - LastHeartbeat).TotalSeconds > 90;

        public void Write(Utf8JsonWriter w, DateTimeOffset now)
        {
            w.WriteStartObject();
            w.WriteString("name", Name);
            w.WriteString("version", Version);
            w.WriteString("hostname", Hostname);
            w.WriteString("first_seen", KrytenTimestamps.Format(FirstSeen));
            w.WriteString("last_heartbeat", KrytenTimestamps.Format(LastHeartbeat));
            w.WriteString("last_startup", KrytenTimestamps.Format(LastStartup));
            w.WriteNumber("heartbeat_count", HeartbeatCount);
            w.WriteNumber("seconds_since_heartbeat", (now - LastHeartbeat).TotalSeconds);
            w.WriteBoolean("is_stale", IsStale(now));
            WriteEndpoint(w, "health", "/health");
            WriteEndpoint(w, "metrics", "/metrics");
            w.WritePropertyName("metadata");
            Metadata.WriteTo(w);
            w.WriteEndObject();
        }

        private void WriteEndpoint(Utf8JsonWriter w, string kind, string defaultPath)
        {
            var endpoint = Endpoints.ValueKind == JsonValueKind.Object && Endpoints.TryGetProperty(kind, out var e) ? e : default;
            int? port = endpoint.ValueKind == JsonValueKind.Object && endpoint.TryGetProperty("port", out var p) ? p.GetInt32() : null;
            var path = endpoint.ValueKind == JsonValueKind.Object && endpoint.TryGetProperty("path", out var pa) ? pa.GetString()! : defaultPath;
            if (port is { } value) w.WriteNumber(kind + "_port", value);
            else w.WriteNull(kind + "_port");
            w.WriteString(kind + "_path", path);
            if (port is null) w.WriteNull(kind + "_url");
            else w.WriteString(kind + "_url", $"http://{Hostname}:{port}{path}");
        }
    }
}

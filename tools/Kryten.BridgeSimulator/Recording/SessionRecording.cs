using System.Text.Json;

namespace Kryten.BridgeSimulator.Recording;

/// <summary>One CyTube event of a recorded session: the pause before it, its Socket.IO name and its payload.</summary>
internal sealed record RecordedEvent(int AfterMs, string EventName, JsonElement Payload)
{
    /// <summary>
    /// The event as CyTube sends it when it happens at <paramref name="now"/>: a <c>chatMsg</c>'s <c>time</c> is when it
    /// was said. A replay is live chat; keeping the recorded time would make clients take every replayed line for the
    /// backlog CyTube sends on join (wire-contract §9.1), and chat commands ignore backlog. Other events are unchanged.
    /// </summary>
    public JsonElement LivePayload(DateTimeOffset now)
    {
        if (EventName != "chatMsg" || Payload.ValueKind != JsonValueKind.Object || !Payload.TryGetProperty("time", out _)) return Payload;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in Payload.EnumerateObject())
            {
                if (property.NameEquals("time")) writer.WriteNumber("time", now.ToUnixTimeMilliseconds());
                else property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        using var live = JsonDocument.Parse(buffer.WrittenMemory);
        return live.RootElement.Clone();
    }
}

/// <summary>
/// A recorded CyTube session: a JSON-lines file, one <c>{"after_ms", "event", "payload"}</c> object per line, payloads
/// exactly as CyTube sent them. The bridge adds channel, domain, timestamp and correlation id when it wraps them.
/// </summary>
internal static class SessionRecording
{
    public static IReadOnlyList<RecordedEvent> Load(string path)
    {
        var events = new List<RecordedEvent>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            events.Add(Parse(line, path, lineNumber));
        }
        return events;
    }

    private static RecordedEvent Parse(string line, string path, int lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var afterMs = root.TryGetProperty("after_ms", out var after) ? after.GetInt32() : 0;
            var name = root.GetProperty("event").GetString();
            if (string.IsNullOrEmpty(name) || afterMs < 0) throw new InvalidDataException("empty event name or negative after_ms");
            var payload = root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            return new RecordedEvent(afterMs, name, payload);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: not a recorded event ({e.Message})", e);
        }
    }
}

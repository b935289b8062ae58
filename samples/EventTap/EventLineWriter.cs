using System.Text.Encodings.Web;
using System.Text.Json;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Samples.EventTap;

/// <summary>
/// Writes one JSON line per event: <c>{"event", "type", "channel", "domain", "correlation_id", "data"}</c>. <c>data</c>
/// is the typed record written with the generated JSON metadata (CyTube's field names), or the raw payload with
/// <c>"type": null</c> when the event has no record or its payload does not fit the record.
/// </summary>
internal sealed class EventLineWriter(Stream output)
{
    // Lines are read by people and tools, never embedded in HTML: keep <, > and non-ASCII text readable.
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly object _gate = new();

    public void Write(KrytenRawEvent evt)
    {
        var typed = TryParse(evt);
        lock (_gate)
        {
            _json.Reset();
            _json.WriteStartObject();
            _json.WriteString("event", evt.EventName);
            if (typed is null) _json.WriteNull("type");
            else _json.WriteString("type", typed.GetType().Name);
            _json.WriteString("channel", evt.Channel);
            _json.WriteString("domain", evt.Domain);
            _json.WriteString("correlation_id", evt.CorrelationId);
            _json.WritePropertyName("data");
            if (typed is null) WriteRaw(evt);
            else JsonSerializer.Serialize(_json, typed, KrytenJsonContext.Default.GetTypeInfo(typed.GetType())!);
            _json.WriteEndObject();
            _json.Flush();
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }

    private static object? TryParse(KrytenRawEvent evt)
    {
        try
        {
            return KrytenEventRegistry.TryGetByName(evt.EventName, out var info) ? info.ReadPayload(evt.Payload.Span) : null;
        }
        catch (JsonException)
        {
            return null; // the payload does not fit the catalog shape: print it raw
        }
    }

    private void WriteRaw(KrytenRawEvent evt)
    {
        using var payload = evt.ParsePayload();
        payload.RootElement.WriteTo(_json);
    }
}

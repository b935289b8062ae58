using System.Text.Json;

namespace Kryten.Sdk;

/// <summary>
/// A bridge envelope whose payload is left as JSON: what raw handlers receive, for every event
/// including those the schema does not know.
/// </summary>
/// <example>
/// <code>
/// public sealed partial class EventLogger
/// {
///     [KrytenHandler]
///     public Task OnAnything(KrytenRawEvent e)
///     {
///         Console.WriteLine($"{e.EventName}: {e.PayloadKind}");
///         return Task.CompletedTask;
///     }
/// }
/// </code>
/// </example>
public sealed class KrytenRawEvent
{
    /// <summary>Creates a raw event. <paramref name="payload"/> must be owned by the event (not a pooled buffer).</summary>
    public KrytenRawEvent(
        string eventName,
        string channel,
        string domain,
        string subject,
        DateTimeOffset timestamp,
        string correlationId,
        ReadOnlyMemory<byte> payload,
        JsonValueKind payloadKind)
    {
        EventName = eventName;
        Channel = channel;
        Domain = domain;
        Subject = subject;
        Timestamp = timestamp;
        CorrelationId = correlationId;
        Payload = payload;
        PayloadKind = payloadKind;
    }

    /// <summary>The envelope's <c>event_name</c> (CyTube's case).</summary>
    public string EventName { get; }

    /// <summary>The envelope's <c>channel</c>, raw.</summary>
    public string Channel { get; }

    /// <summary>The envelope's <c>domain</c>.</summary>
    public string Domain { get; }

    /// <summary>The NATS subject the event arrived on.</summary>
    public string Subject { get; }

    /// <summary>The envelope's <c>timestamp</c>.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The envelope's <c>correlation_id</c>.</summary>
    public string CorrelationId { get; }

    /// <summary>The payload's UTF-8 JSON text exactly as received.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The JSON kind of the payload (object, array, string, number, true/false, null).</summary>
    public JsonValueKind PayloadKind { get; }

    /// <summary>Parses the payload into a <see cref="JsonDocument"/> the caller must dispose.</summary>
    public JsonDocument ParsePayload() => JsonDocument.Parse(Payload);
}

using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator;

/// <summary>
/// The bridge's event envelope (wire-contract §2.1): <c>event_name, payload, channel, domain, timestamp,
/// correlation_id</c> in that order, as Python's <c>json.dumps</c> writes it.
/// </summary>
internal static class BridgeEnvelope
{
    public static byte[] Build(string eventName, Action<PythonJsonWriter> writePayload, string channel, string domain,
        DateTimeOffset timestamp, Guid correlationId)
    {
        var json = new PythonJsonWriter().StartObject().Key(KrytenWire.EnvelopeEventName).String(eventName).Key(KrytenWire.EnvelopePayload);
        writePayload(json);
        return json.Key(KrytenWire.EnvelopeChannel).String(channel)
            .Key(KrytenWire.EnvelopeDomain).String(domain)
            .Key(KrytenWire.EnvelopeTimestamp).String(KrytenTimestamps.Format(timestamp))
            .Key(KrytenWire.EnvelopeCorrelationId).String(correlationId.ToString("D"))
            .EndObject()
            .ToUtf8();
    }

    public static byte[] Build(string eventName, JsonElement payload, string channel, string domain,
        DateTimeOffset timestamp, Guid correlationId) =>
        Build(eventName, json => json.Element(payload), channel, domain, timestamp, correlationId);
}

using System.Globalization;
using System.Text.Json;
using Kryten.BridgeSimulator.Python;

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
        var json = new PythonJsonWriter().StartObject().Key("event_name").String(eventName).Key("payload");
        writePayload(json);
        return json.Key("channel").String(channel)
            .Key("domain").String(domain)
            .Key("timestamp").String(PythonIsoTimestamp(timestamp))
            .Key("correlation_id").String(correlationId.ToString("D"))
            .EndObject()
            .ToUtf8();
    }

    public static byte[] Build(string eventName, JsonElement payload, string channel, string domain,
        DateTimeOffset timestamp, Guid correlationId) =>
        Build(eventName, json => json.Element(payload), channel, domain, timestamp, correlationId);

    /// <summary>
    /// <c>datetime.now(UTC).isoformat()</c>: microseconds and <c>+00:00</c>, and no fraction at all when the
    /// microsecond is 0 (wire-contract §0.3).
    /// </summary>
    public static string PythonIsoTimestamp(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var micros = utc.Ticks / 10 % 1_000_000;
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return micros == 0
            ? seconds + "+00:00"
            : seconds + "." + micros.ToString("D6", CultureInfo.InvariantCulture) + "+00:00";
    }
}

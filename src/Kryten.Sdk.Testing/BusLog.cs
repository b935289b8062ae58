using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Testing;

/// <summary>What the in-memory bus tells a test about the events it is asked to simulate.</summary>
internal static partial class BusLog
{
    [LoggerMessage(1, LogLevel.Warning, "Simulated {EventName} payload is not what CyTube sends for {Record}, so the client will skip it as malformed: {Reason}. Payload: {Payload}")]
    public static partial void PayloadMisshapen(ILogger logger, string eventName, string record, string reason, string payload);
}

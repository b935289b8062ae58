using System.Text.Json;
using Kryten.Sdk.Dispatch;

namespace Kryten.Sdk.Wire;

/// <summary>
/// One bridge envelope read in place: its metadata, the handlers its event name routes to, and where the payload's JSON
/// sits in the received buffer, so its record is read straight from that buffer.
/// </summary>
internal readonly record struct KrytenEnvelope(
    string EventName,
    EventRoute Route,
    string Channel,
    string Domain,
    DateTimeOffset Timestamp,
    EventCorrelationId CorrelationId,
    int PayloadStart,
    int PayloadLength,
    JsonValueKind PayloadKind)
{
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> message) => message.Slice(PayloadStart, PayloadLength);

    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> message) => message.Slice(PayloadStart, PayloadLength);
}

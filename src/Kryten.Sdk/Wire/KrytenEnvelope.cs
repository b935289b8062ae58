using System.Text.Json;
using Kryten.Sdk.Dispatch;

namespace Kryten.Sdk.Wire;

/// <summary>
/// One bridge envelope read in place: its metadata, the handlers its event name routes to, where the payload's JSON
/// sits in the received buffer (what raw handlers get), and <c>Records</c>, the payload read as each of the route's
/// <see cref="EventRoute.Records"/> in that order. The records live in the envelope reader and are overwritten by its
/// next envelope, as the received buffer is reused after dispatch.
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
    JsonValueKind PayloadKind,
    ReadOnlyMemory<PayloadRecord> Records)
{
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> message) => message.Slice(PayloadStart, PayloadLength);

    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> message) => message.Slice(PayloadStart, PayloadLength);
}

/// <summary>The payload read as one record type: the record, or, when the payload does not have its shape, why.</summary>
internal readonly record struct PayloadRecord(object? Record, JsonException? Error);

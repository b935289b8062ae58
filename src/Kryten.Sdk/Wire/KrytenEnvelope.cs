using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// One bridge envelope read in place: the metadata as (cached) strings and where the payload's JSON
/// sits inside the received buffer, so typed parsing reads straight from that buffer.
/// </summary>
internal readonly record struct KrytenEnvelope(
    string EventName,
    string Channel,
    string Domain,
    DateTimeOffset Timestamp,
    string CorrelationId,
    int PayloadStart,
    int PayloadLength,
    JsonValueKind PayloadKind)
{
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> message) => message.Slice(PayloadStart, PayloadLength);

    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> message) => message.Slice(PayloadStart, PayloadLength);
}

using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// One bridge envelope read in place: the metadata as (cached) strings and where the payload's JSON
/// sits inside the received buffer, so typed parsing reads straight from that buffer. When the reader was asked
/// to, <see cref="Record"/> is the payload's record, read in the same pass (<see cref="HasRecord"/>).
/// </summary>
internal readonly record struct KrytenEnvelope(
    string EventName,
    string Channel,
    string Domain,
    DateTimeOffset Timestamp,
    EventCorrelationId Correlation,
    int PayloadStart,
    int PayloadLength,
    JsonValueKind PayloadKind,
    bool HasRecord = false,
    object? Record = null)
{
    /// <summary>The correlation id's text; made on each call when the id is the bridge's uuid4 form.</summary>
    public string CorrelationId => Correlation.ToString();

    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> message) => message.Slice(PayloadStart, PayloadLength);

    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> message) => message.Slice(PayloadStart, PayloadLength);
}

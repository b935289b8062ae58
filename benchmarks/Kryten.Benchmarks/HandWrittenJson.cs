using System.Text.Json;
using System.Text.Json.Serialization;
using Kryten.Sdk;

namespace Kryten.Benchmarks;

// What a bot author writes without the SDK: records for the bridge envelope and the chatMsg payload, read with
// System.Text.Json source generation (AOT-safe), the way NATS.Net's documentation shows for typed messages. The records
// have the shape of the SDK's generated ones (required init properties): positional records would make STJ box every
// constructor argument, and the comparison would measure that instead. The key names come from KrytenWire only because
// this repository spells wire literals once; a user would type them.

/// <summary>The bridge envelope (wire-contract §2.1) with its payload read as <typeparamref name="TPayload"/>.</summary>
internal sealed record BridgeEnvelope<TPayload>
{
    [JsonPropertyName(KrytenWire.EnvelopeEventName)] public required string EventName { get; init; }
    [JsonPropertyName(KrytenWire.EnvelopePayload)] public required TPayload Payload { get; init; }
    [JsonPropertyName(KrytenWire.EnvelopeChannel)] public required string Channel { get; init; }
    [JsonPropertyName(KrytenWire.EnvelopeDomain)] public required string Domain { get; init; }
    [JsonPropertyName(KrytenWire.EnvelopeTimestamp)] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName(KrytenWire.EnvelopeCorrelationId)] public string? CorrelationId { get; init; }
}

/// <summary>A chatMsg payload with the fields of the SDK's <c>ChatMessage</c>, its meta a record of its own too.</summary>
internal sealed record ChatLine
{
    public required string Username { get; init; }
    public required string Msg { get; init; }
    public required ChatLineMeta Meta { get; init; }
    public required long Time { get; init; }
}

/// <summary>The optional display hints of a chat line.</summary>
internal sealed record ChatLineMeta
{
    public string? AddClass { get; init; }
    public bool Action { get; init; }
    public bool AddClassToNameAndTimestamp { get; init; }
    public bool ForceShowName { get; init; }
    public double? Modflair { get; init; }
    public bool Shadow { get; init; }
}

/// <summary>The hand-written consumers' source-generated metadata (payload keys are camelCase in CyTube).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BridgeEnvelope<ChatLine>))]
[JsonSerializable(typeof(BridgeEnvelope<JsonElement>))]
[JsonSerializable(typeof(ChatLine))]
internal sealed partial class HandWrittenJson : JsonSerializerContext;

using Kryten.Sdk.Tests.Support;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Tests.Events;

/// <summary>
/// Payloads that do not fit their event's catalog shape (bad-inputs.json, categories payload-shape and limits) never
/// become typed events: the registry and the JSON context refuse them with a <see cref="JsonException"/> (which the
/// runtime counts as malformed) instead of inventing values.
/// </summary>
public sealed class PayloadShapeTests
{
    private const string File = "bad-inputs.json";

    // Only vectors whose envelope is readable JSON reach the registry; the others are the runtime's to reject.
    public static TheoryDataNames Names => new(ContractVectors.Vectors(File)
        .Where(v => v.GetProperty("category").GetString() is "payload-shape" or "limits" && v.TryGetProperty("bytes_base64", out _))
        .Where(v => Payload(v) is not null)
        .Select(v => v.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Names))]
    public void Registry_and_json_context_refuse_a_payload_that_does_not_fit_the_event(string name)
    {
        var vector = ContractVectors.ByName(File, name);
        var (eventName, payload) = Payload(vector)!.Value;
        KrytenEventRegistry.TryGetByName(eventName, out var info).ShouldBeTrue();

        Should.Throw<JsonException>(() => Records.TryParse(eventName, payload, out _));
        var typeInfo = KrytenJsonContext.Default.GetTypeInfo(info.RecordType).ShouldNotBeNull();
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize(payload, typeInfo));
    }

    private static (string EventName, byte[] Payload)? Payload(JsonElement vector)
    {
        try
        {
            using var envelope = JsonDocument.Parse(Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!));
            return (envelope.RootElement.GetProperty("event_name").GetString()!,
                Encoding.UTF8.GetBytes(envelope.RootElement.GetProperty("payload").GetRawText()));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Payloads that do not fit their event's shape never yield a typed record: only a JsonException.</summary>
public sealed class BadInputVectorTests
{
    public static TheoryDataNames ShapeVectors { get; } = new(
        ContractVectors.Vectors("bad-inputs.json")
            .Where(v => v.GetProperty("category").GetString() is "payload-shape" or "limits")
            // Oversized messages are refused by size in the runtime before any parsing; their payload itself is well-formed.
            .Where(v => v.GetProperty("name").GetString() != "limits/huge-string-over-1MiB")
            .Select(v => v.GetProperty("name").GetString()!));

    /// <summary>The message body: <c>bytes_base64</c>, or the repeated segments of <c>bytes_recipe</c>.</summary>
    private static byte[] Bytes(JsonElement vector)
    {
        if (vector.TryGetProperty("bytes_base64", out var base64))
        {
            return Convert.FromBase64String(base64.GetString()!);
        }

        var buffer = new MemoryStream();
        foreach (var segment in vector.GetProperty("bytes_recipe").GetProperty("segments").EnumerateArray())
        {
            var part = Convert.FromBase64String(segment.GetProperty("base64").GetString()!);
            for (var i = 0; i < segment.GetProperty("repeat").GetInt32(); i++)
            {
                buffer.Write(part);
            }
        }

        return buffer.ToArray();
    }

    [Theory]
    [MemberData(nameof(ShapeVectors))]
    public void Misshapen_payload_is_rejected_with_JsonException(string name)
    {
        var bytes = Bytes(ContractVectors.ByName("bad-inputs.json", name));
        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return;   // rejected before any payload is typed, as the runtime does
        }

        using (envelope)
        {
            var eventName = envelope.RootElement.GetProperty("event_name").GetString()!;
            var payload = Encoding.UTF8.GetBytes(envelope.RootElement.GetProperty("payload").GetRawText());
            object? record = null;
            var parsed = false;
            Should.Throw<JsonException>(() => parsed = SdkRecords.TryParse(eventName, payload, out record), $"{name}: parsed={parsed} {record}");
        }
    }
}

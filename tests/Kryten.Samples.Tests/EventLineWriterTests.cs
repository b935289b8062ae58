using System.Text;
using System.Text.Json;
using Kryten.Samples.EventTap;
using Kryten.Sdk;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>EventTap's line: typed data keeps CyTube's field names, so it can be compared with the vectors' payloads.</summary>
public sealed class EventLineWriterTests
{
    public static TheoryData<string> EventVectors() => ContractVectors.Names("events.json");

    [Theory]
    [MemberData(nameof(EventVectors))]
    public void Line_carries_the_envelope_and_every_payload_value_under_its_cytube_name(string name)
    {
        var vector = ContractVectors.ByName("events.json", name);
        using var envelope = JsonDocument.Parse(Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!));
        var root = envelope.RootElement;
        var payload = root.GetProperty("payload");
        var raw = new KrytenRawEvent(
            root.GetProperty("event_name").GetString()!, root.GetProperty("channel").GetString()!, root.GetProperty("domain").GetString()!,
            vector.GetProperty("subject").GetString()!, DateTimeOffset.UnixEpoch, root.GetProperty("correlation_id").GetString()!,
            Encoding.UTF8.GetBytes(payload.GetRawText()), payload.ValueKind);

        using var output = new MemoryStream();
        new EventLineWriter(output).Write(raw);

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.ShouldEndWith("\n");
        text.Count(c => c == '\n').ShouldBe(1);
        using var line = JsonDocument.Parse(text);
        var l = line.RootElement;
        l.GetProperty("event").GetString().ShouldBe(raw.EventName);
        l.GetProperty("channel").GetString().ShouldBe(raw.Channel);
        l.GetProperty("domain").GetString().ShouldBe(raw.Domain);
        l.GetProperty("correlation_id").GetString().ShouldBe(raw.CorrelationId);
        if (vector.GetProperty("in_catalog").GetBoolean()) l.GetProperty("type").GetString().ShouldNotBeNullOrEmpty();
        else l.GetProperty("type").ValueKind.ShouldBe(JsonValueKind.Null);
        ShouldContainPayload(l.GetProperty("data"), payload, "data");
    }

    // Typed data may add defaults for absent flags, but every value CyTube sent must be there under its own name.
    private static void ShouldContainPayload(JsonElement data, JsonElement payload, string path)
    {
        switch (payload.ValueKind)
        {
            case JsonValueKind.Object:
                data.ValueKind.ShouldBe(JsonValueKind.Object, path);
                foreach (var property in payload.EnumerateObject())
                {
                    data.TryGetProperty(property.Name, out var value).ShouldBeTrue($"{path}.{property.Name} is missing");
                    ShouldContainPayload(value, property.Value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                data.ValueKind.ShouldBe(JsonValueKind.Array, path);
                data.GetArrayLength().ShouldBe(payload.GetArrayLength(), path);
                for (var i = 0; i < payload.GetArrayLength(); i++) ShouldContainPayload(data[i], payload[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                data.ValueKind.ShouldBe(JsonValueKind.Number, path);
                data.GetDouble().ShouldBe(payload.GetDouble(), path);
                break;
            default:
                data.ValueKind.ShouldBe(payload.ValueKind, path);
                if (payload.ValueKind == JsonValueKind.String) data.GetString().ShouldBe(payload.GetString(), path);
                break;
        }
    }
}

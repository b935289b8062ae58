using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Every public event vector through the SDK's generated JSON: payload → record → JSON → record.</summary>
public sealed class EventVectorRoundTripTests
{
    public static TheoryDataNames CatalogVectors { get; } = new(
        ContractVectors.Vectors("events.json").Where(v => v.GetProperty("in_catalog").GetBoolean()).Select(v => v.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(CatalogVectors))]
    public void Payload_round_trips_through_the_generated_record(string name)
    {
        var vector = ContractVectors.ByName("events.json", name);
        var eventName = vector.GetProperty("cytube_event").GetString()!;
        var payload = vector.GetProperty("json").GetProperty("payload");
        var payloadBytes = Encoding.UTF8.GetBytes(payload.GetRawText());

        SdkRecords.TryParse(eventName, payloadBytes, out var record).ShouldBeTrue();
        record.ShouldNotBeNull();
        KrytenEventRegistry.TryGetByName(eventName, out var info).ShouldBeTrue();
        record.GetType().ShouldBe(info.RecordType);

        var typeInfo = KrytenJsonContext.Default.GetTypeInfo(info.RecordType).ShouldNotBeNull();
        var written = JsonSerializer.SerializeToElement(record, typeInfo);
        AssertCovers(payload, written, "$");

        var again = JsonSerializer.Deserialize(written.GetRawText(), typeInfo);
        JsonSerializer.Serialize(again, typeInfo).ShouldBe(written.GetRawText());
    }

    [Fact]
    public void Events_outside_the_catalog_are_not_parsed()
    {
        foreach (var vector in ContractVectors.Vectors("events.json").Where(v => !v.GetProperty("in_catalog").GetBoolean()))
        {
            SdkRecords.TryParse(vector.GetProperty("cytube_event").GetString()!, "{}"u8, out var record).ShouldBeFalse();
            record.ShouldBeNull();
        }
    }

    [Fact]
    public void Wrong_shapes_throw_JsonException_only()
    {
        foreach (var info in KrytenEventRegistry.All)
        {
            foreach (var bad in new[] { "", "[", "{\"a\":", "\"\\ud800\"", "1e999", "{\"x\": tru}", "[[[[" })
            {
                try
                {
                    SdkRecords.TryParse(info.CytubeName, Encoding.UTF8.GetBytes(bad), out _);
                }
                catch (JsonException)
                {
                }
            }
        }
    }

    /// <summary>Every non-null value of the payload appears in the written JSON with the same meaning.</summary>
    private static void AssertCovers(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                actual.ValueKind.ShouldBe(JsonValueKind.Object, path);
                foreach (var property in expected.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    actual.TryGetProperty(property.Name, out var value).ShouldBeTrue($"{path}.{property.Name} missing");
                    AssertCovers(property.Value, value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                actual.ValueKind.ShouldBe(JsonValueKind.Array, path);
                actual.GetArrayLength().ShouldBe(expected.GetArrayLength(), path);
                var i = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    AssertCovers(e, a, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.Number:
                actual.ValueKind.ShouldBe(JsonValueKind.Number, path);
                actual.GetDouble().ShouldBe(expected.GetDouble(), path);
                break;
            default:
                actual.ValueKind.ShouldBe(expected.ValueKind, path);
                if (expected.ValueKind == JsonValueKind.String)
                {
                    actual.GetString().ShouldBe(expected.GetString(), path);
                }

                break;
        }
    }
}

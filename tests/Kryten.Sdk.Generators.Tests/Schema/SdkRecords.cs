using Kryten.Sdk.Events;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Reads a payload into the SDK record of its event through the generated registry, as dispatch does.</summary>
internal static class SdkRecords
{
    /// <summary>False when the event has no SDK record; throws <see cref="System.Text.Json.JsonException"/> when the payload does not fit it.</summary>
    public static bool TryParse(string eventName, ReadOnlySpan<byte> payload, out object? record)
    {
        if (!KrytenEventRegistry.TryGetByName(eventName, out var info))
        {
            record = null;
            return false;
        }
        record = info.ReadPayload(payload);
        return true;
    }
}

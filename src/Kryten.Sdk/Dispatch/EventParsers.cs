using System.Collections.Concurrent;
using System.Text.Json;

namespace Kryten.Sdk.Dispatch;

/// <summary>Turns a payload into its event record; throws (JsonException and friends) when the payload has the wrong shape.</summary>
internal delegate object? EventParser(ReadOnlySpan<byte> payload);

/// <summary>The generated registry's parse entry point (contract D): false when the event name is unknown.</summary>
internal delegate bool RegistryParser(string eventName, ReadOnlySpan<byte> payload, out object? evt);

/// <summary>
/// Event name → record parser: records registered explicitly (user events, lambda handlers' records) first,
/// then the generated SDK registry.
/// </summary>
internal sealed class EventParsers(RegistryParser? registry)
{
    private readonly ConcurrentDictionary<string, EventParser> _registered = new(StringComparer.OrdinalIgnoreCase);

    public void Register<T>() where T : class, IKrytenEvent<T> =>
        _registered.TryAdd(T.CytubeEventName, static payload => JsonSerializer.Deserialize(payload, T.JsonTypeInfo));

    /// <summary>Parses; returns false when no record is known for the event (raw handlers only).</summary>
    public bool TryParse(string eventName, ReadOnlySpan<byte> payload, out object? evt)
    {
        if (_registered.TryGetValue(eventName, out var parser))
        {
            evt = parser(payload);
            return true;
        }
        if (registry is not null) return registry(eventName, payload, out evt);
        evt = null;
        return false;
    }
}

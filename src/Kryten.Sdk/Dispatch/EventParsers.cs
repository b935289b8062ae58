using System.Collections.Concurrent;
using System.Text.Json;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Dispatch;

/// <summary>Reads an event's record from the JSON value the reader is on, leaving it on the value's last token.</summary>
internal delegate bool RecordReader(string eventName, ref Utf8JsonReader reader, out object? evt);

/// <summary>Reads an event's record when the payload at <paramref name="at"/> is in the bridge's exact layout, else declines.</summary>
internal delegate bool CanonicalRecordReader(string eventName, ReadOnlySpan<byte> json, ref int at, int maxDepth, out object? evt);

/// <summary>Reads one registered record type from the JSON value the reader is on.</summary>
internal delegate object? RegisteredRecordReader(ref Utf8JsonReader reader);

/// <summary>The generated registry as dispatch uses it: which record an event name has, and how to read it.</summary>
internal sealed record RecordRegistry(Func<string, Type?> RecordType, RecordReader Read, CanonicalRecordReader ReadCanonical);

/// <summary>
/// Event name → record reader: records registered explicitly (user events, lambda handlers' records) first, then the
/// generated SDK registry. Readers throw (JsonException and friends) when the payload has the wrong shape.
/// </summary>
internal sealed class EventParsers(RecordRegistry? registry)
{
    private static readonly JsonReaderOptions PayloadOptions = new() { MaxDepth = 64 };

    private readonly ConcurrentDictionary<string, RegisteredRecordReader> _registered = new(StringComparer.OrdinalIgnoreCase);

    // ConcurrentDictionary.IsEmpty takes every lock when the dictionary is empty, which is the usual case here (the
    // generated registry reads every SDK event), so the per-event path asks this flag instead.
    private volatile bool _anyRegistered;

    /// <summary>
    /// Registers <typeparamref name="T"/> for its event name. A record the generated registry already reads for that name
    /// needs no entry, which keeps the registry's direct, single-pass reader on the hot path.
    /// </summary>
    public void Register<T>() where T : class, IKrytenEvent<T>
    {
        if (registry?.RecordType(T.CytubeEventName) == typeof(T)) return;
        _registered.TryAdd(T.CytubeEventName, static (ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, T.JsonTypeInfo));
        _anyRegistered = true;
    }

    /// <summary>Whether a record is known for the event (otherwise only raw handlers can take it).</summary>
    public bool Knows(string eventName) =>
        (_anyRegistered && _registered.ContainsKey(eventName)) || registry?.RecordType(eventName) is not null;

    /// <summary>Reads the record from the value the reader is on; false, with the reader unmoved, when none is known.</summary>
    public bool TryRead(string eventName, ref Utf8JsonReader reader, out object? evt)
    {
        if (_anyRegistered && _registered.TryGetValue(eventName, out var read))
        {
            evt = read(ref reader);
            return true;
        }
        if (registry is not null) return registry.Read(eventName, ref reader, out evt);
        evt = null;
        return false;
    }

    /// <summary>
    /// Reads the record when the payload at <paramref name="at"/> is in the bridge's exact layout; false, with
    /// <paramref name="at"/> unmoved, otherwise. Records registered explicitly have no such path.
    /// </summary>
    public bool TryReadCanonical(string eventName, ReadOnlySpan<byte> json, ref int at, int maxDepth, out object? evt)
    {
        evt = null;
        if (_anyRegistered && _registered.ContainsKey(eventName)) return false;
        return registry is not null && registry.ReadCanonical(eventName, json, ref at, maxDepth, out evt);
    }

    /// <summary>Parses a whole payload; returns false when no record is known for the event (raw handlers only).</summary>
    public bool TryParse(string eventName, ReadOnlySpan<byte> payload, out object? evt)
    {
        if (!Knows(eventName))
        {
            evt = null;
            return false;
        }
        var reader = new Utf8JsonReader(payload, PayloadOptions);
        KrytenJsonPrimitives.Advance(ref reader);
        TryRead(eventName, ref reader, out evt);
        KrytenJsonPrimitives.EnsureEnd(ref reader);
        return true;
    }
}

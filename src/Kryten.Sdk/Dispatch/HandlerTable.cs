using System.Text.Json;

namespace Kryten.Sdk.Dispatch;

/// <summary>The handlers one event name routes to: typed ones first, then raw ones (including raw handlers of every event).</summary>
internal sealed class EventRoute(HandlerEntry[] typed, HandlerEntry[] raw)
{
    public static readonly EventRoute None = new([], []);

    public HandlerEntry[] Typed { get; } = typed;

    public HandlerEntry[] Raw { get; } = raw;

    public bool IsEmpty => Typed.Length == 0 && Raw.Length == 0;
}

/// <summary>
/// An immutable snapshot of all handlers, indexed by event name (case-insensitive, as kryten-py matches names).
/// Registration builds a new one (copy-on-write), so dispatch reads it without locks. The envelope reader looks an
/// event's name up here while reading it: one lookup gives both the route and the name's one string instance.
/// Handlers of lifecycle events are kept apart (<see cref="ForLifecycle"/>): they are routed by the subject a lifecycle
/// message arrives on, so an envelope naming such an event never reaches them, and raw handlers never see lifecycle.
/// </summary>
internal sealed class HandlerTable
{
    public static readonly HandlerTable Empty = new([]);

    // Event names are short; a longer one is read as a string and looked up that way.
    private const int MaxStackName = 128;

    private readonly Dictionary<string, EventRoute> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EventRoute>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly EventRoute _otherwise;
    private readonly Dictionary<string, HandlerEntry[]> _lifecycle;

    public HandlerTable(IReadOnlyList<HandlerEntry> entries)
    {
        Entries = entries;
        var events = entries.Where(e => !e.IsLifecycle).ToArray();
        EventHandlerCount = events.Length;
        var rawForAll = events.Where(e => e.IsRaw && e.EventName is null).ToArray();
        _otherwise = rawForAll.Length == 0 ? EventRoute.None : new EventRoute([], rawForAll);
        foreach (var name in events.Select(e => e.EventName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            bool Named(HandlerEntry e) => string.Equals(e.EventName, name, StringComparison.OrdinalIgnoreCase);
            _byName[name] = new EventRoute(
                events.Where(e => !e.IsRaw && Named(e)).ToArray(),
                [.. events.Where(e => e.IsRaw && Named(e)), .. rawForAll]);
        }
        _byChars = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _lifecycle = entries.Where(e => e.IsLifecycle).GroupBy(e => e.EventName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<HandlerEntry> Entries { get; }

    /// <summary>Handlers of events that arrive in envelopes (every handler but those of lifecycle events).</summary>
    public int EventHandlerCount { get; }

    /// <summary>The handlers of a lifecycle event, by its name (the subject after the lifecycle prefix; case-sensitive, as subjects are).</summary>
    public HandlerEntry[] ForLifecycle(string name) => _lifecycle.GetValueOrDefault(name, []);

    /// <summary>The route of an event name.</summary>
    public EventRoute For(string eventName) => _byName.GetValueOrDefault(eventName, _otherwise);

    /// <summary>
    /// Reads the event name the reader is on (a string token) and its route. A name with handlers comes back as the
    /// table's own string instance, so handled events cost no string for their name.
    /// </summary>
    public string ReadEventName(ref Utf8JsonReader reader, out EventRoute route)
    {
        Span<char> buffer = stackalloc char[MaxStackName];
        if (reader.ValueSpan.Length <= MaxStackName)
        {
            var length = reader.CopyString(buffer);
            if (_byChars.TryGetValue(buffer[..length], out var name, out var found))
            {
                route = found;
                return name;
            }
        }
        var text = reader.GetString()!;
        route = For(text);
        return text;
    }

    public HandlerTable With(IEnumerable<HandlerEntry> added) => new([.. Entries, .. added]);

    public HandlerTable Without(IReadOnlyCollection<HandlerEntry> removed) => new(Entries.Where(e => !removed.Contains(e)).ToList());
}

using System.Text.Json;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// The handlers one event name routes to: typed ones first, then raw ones (including raw handlers of every event), and
/// the record types the typed ones take, each read once per event. A <c>chatMsg</c> route always reads
/// <see cref="ChatMessage"/> too, as telling chat backlog from live chat (<see cref="EventContext.IsBacklog"/>) needs
/// its <c>time</c>, also for raw handlers.
/// </summary>
internal sealed class EventRoute
{
    private static readonly KrytenEventInfo Chat = KrytenEventInfo.Of<ChatMessage>();

    public static readonly EventRoute None = new("", [], []);

    public EventRoute(string eventName, HandlerEntry[] typed, HandlerEntry[] raw)
    {
        Typed = typed;
        Raw = raw;
        var records = typed.Select(h => h.Event!);
        if (IsChat(eventName)) records = records.Append(Chat);
        Records = records.Distinct().ToArray();
        RecordOfTyped = typed.Select(h => Array.IndexOf(Records, h.Event)).ToArray();
        ChatRecord = Array.IndexOf(Records, Chat);
    }

    public HandlerEntry[] Typed { get; }

    public HandlerEntry[] Raw { get; }

    /// <summary>The record types <see cref="Typed"/> take, each once (nearly always one): what the payload is read into.</summary>
    public KrytenEventInfo[] Records { get; }

    /// <summary>For each of <see cref="Typed"/>, the index of its record type in <see cref="Records"/>.</summary>
    public int[] RecordOfTyped { get; }

    /// <summary>The index of <see cref="ChatMessage"/> in <see cref="Records"/> on a <c>chatMsg</c> route; -1 on others.</summary>
    public int ChatRecord { get; }

    public bool IsEmpty => Typed.Length == 0 && Raw.Length == 0;

    public static bool IsChat(string eventName) => string.Equals(eventName, Chat.CytubeName, StringComparison.OrdinalIgnoreCase);
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

    /// <summary>The longest event name looked up without making a string of it; a longer one is read as a string.</summary>
    public const int MaxNameChars = 128;

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
        _otherwise = rawForAll.Length == 0 ? EventRoute.None : new EventRoute("", [], rawForAll);
        // Raw handlers of every event get chat too, so chat has its own route then (one that tells backlog).
        var names = events.Select(e => e.EventName).OfType<string>();
        if (rawForAll.Length > 0) names = names.Append(ChatMessage.CytubeEventName);
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            bool Named(HandlerEntry e) => string.Equals(e.EventName, name, StringComparison.OrdinalIgnoreCase);
            _byName[name] = new EventRoute(name,
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
    /// Reads the event name the reader is on (a string token) and its route, decoding it into <paramref name="scratch"/>
    /// (<see cref="MaxNameChars"/> long, owned by the caller so that nothing is cleared per event). A name with handlers
    /// comes back as the table's own string instance, so handled events cost no string for their name.
    /// </summary>
    public string ReadEventName(ref Utf8JsonReader reader, Span<char> scratch, out EventRoute route)
    {
        if (reader.ValueSpan.Length <= MaxNameChars)
        {
            var length = reader.CopyString(scratch);
            if (_byChars.TryGetValue(scratch[..length], out var name, out var found))
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

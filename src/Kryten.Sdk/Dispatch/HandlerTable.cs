namespace Kryten.Sdk.Dispatch;

/// <summary>The handlers one event name dispatches to: typed first, then raw (including raw handlers of every event).</summary>
internal readonly record struct HandlerLists(HandlerEntry[] Typed, HandlerEntry[] Raw)
{
    public bool IsEmpty => Typed.Length == 0 && Raw.Length == 0;
}

/// <summary>
/// An immutable snapshot of all handlers, indexed by event name; registration builds a new one
/// (copy-on-write), so dispatch reads it without locks, with one lookup per event.
/// </summary>
internal sealed class HandlerTable
{
    public static readonly HandlerTable Empty = new([]);

    private readonly Dictionary<string, HandlerLists> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly HandlerLists _otherwise;

    public HandlerTable(IReadOnlyList<HandlerEntry> entries)
    {
        Entries = entries;
        var rawForAll = entries.Where(e => e.IsRaw && e.EventName is null).ToArray();
        _otherwise = new HandlerLists([], rawForAll);
        var names = entries.Where(e => e.EventName is not null).Select(e => e.EventName!).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            bool Named(HandlerEntry e) => string.Equals(e.EventName, name, StringComparison.OrdinalIgnoreCase);
            _byName[name] = new HandlerLists(
                entries.Where(e => !e.IsRaw && Named(e)).ToArray(),
                [.. entries.Where(e => e.IsRaw && Named(e)), .. rawForAll]);
        }
    }

    public IReadOnlyList<HandlerEntry> Entries { get; }

    public HandlerLists For(string eventName) => _byName.TryGetValue(eventName, out var lists) ? lists : _otherwise;

    public HandlerTable With(IEnumerable<HandlerEntry> added) => new([.. Entries, .. added]);

    public HandlerTable Without(IReadOnlyCollection<HandlerEntry> removed) => new(Entries.Where(e => !removed.Contains(e)).ToList());
}

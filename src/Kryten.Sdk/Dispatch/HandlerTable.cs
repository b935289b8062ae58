using System.Runtime.CompilerServices;

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

    private const int RecentSlots = 64;

    private readonly Dictionary<string, HandlerLists> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly HandlerLists _otherwise;

    // Event names arrive as the envelope reader's cached string instances, so a slot keyed by the instance answers
    // most lookups with one reference comparison instead of a case-insensitive hash. Only names with handlers get a
    // slot, each slot is filled once and never replaced (a name that collides keeps using the dictionary), so junk
    // names cannot crowd out real ones and nothing is allocated per event.
    private readonly Recent?[] _recent = new Recent[RecentSlots];

    private sealed record Recent(string Name, HandlerLists Lists);

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

    public HandlerLists For(string eventName)
    {
        ref var slot = ref _recent[RuntimeHelpers.GetHashCode(eventName) & (RecentSlots - 1)];
        if (slot is { } recent && ReferenceEquals(recent.Name, eventName)) return recent.Lists;
        if (!_byName.TryGetValue(eventName, out var lists)) return _otherwise;
        if (slot is null) Interlocked.CompareExchange(ref slot, new Recent(eventName, lists), null);
        return lists;
    }

    public HandlerTable With(IEnumerable<HandlerEntry> added) => new([.. Entries, .. added]);

    public HandlerTable Without(IReadOnlyCollection<HandlerEntry> removed) => new(Entries.Where(e => !removed.Contains(e)).ToList());
}

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// An immutable snapshot of all handlers, indexed by event name; registration builds a new one
/// (copy-on-write), so dispatch reads it without locks.
/// </summary>
internal sealed class HandlerTable
{
    public static readonly HandlerTable Empty = new([]);

    private readonly Dictionary<string, HandlerEntry[]> _typed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HandlerEntry[]> _raw = new(StringComparer.OrdinalIgnoreCase);

    public HandlerTable(IReadOnlyList<HandlerEntry> entries)
    {
        Entries = entries;
        foreach (var group in entries.Where(e => !e.IsRaw).GroupBy(e => e.EventName!, StringComparer.OrdinalIgnoreCase))
        {
            _typed[group.Key] = group.ToArray();
        }
        RawForAll = entries.Where(e => e.IsRaw && e.EventName is null).ToArray();
        foreach (var group in entries.Where(e => e.IsRaw && e.EventName is not null).GroupBy(e => e.EventName!, StringComparer.OrdinalIgnoreCase))
        {
            _raw[group.Key] = [.. group, .. RawForAll];
        }
    }

    public IReadOnlyList<HandlerEntry> Entries { get; }

    public HandlerEntry[] RawForAll { get; }

    public HandlerEntry[] Typed(string eventName) => _typed.TryGetValue(eventName, out var list) ? list : [];

    public HandlerEntry[] Raw(string eventName) => _raw.TryGetValue(eventName, out var list) ? list : RawForAll;

    public HandlerTable With(IEnumerable<HandlerEntry> added) => new([.. Entries, .. added]);

    public HandlerTable Without(IReadOnlyCollection<HandlerEntry> removed) => new(Entries.Where(e => !removed.Contains(e)).ToList());
}

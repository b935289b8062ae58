namespace Kryten.Sdk.Delivery;

/// <summary>
/// The correlation ids of at-least-once events being handled or handled successfully within the duplicate window: a
/// second copy of one (the bridge retried its publish, or an acknowledgement was lost) is not dispatched again. An
/// event whose handlers failed is forgotten, so its redelivery runs.
/// </summary>
internal sealed class RecentEvents(TimeSpan window, TimeProvider time)
{
    // Handled ids with when they finished; ids in progress have no finish time yet.
    private readonly Dictionary<string, DateTimeOffset?> _ids = new(StringComparer.Ordinal);
    private DateTimeOffset _nextPurge;

    /// <summary>False when the id is being handled, or was handled successfully within the window.</summary>
    public bool TryBegin(string correlationId)
    {
        lock (_ids)
        {
            var now = time.GetUtcNow();
            if (now >= _nextPurge) Purge(now);
            if (_ids.TryGetValue(correlationId, out var finished) && (finished is null || now - finished < window)) return false;
            _ids[correlationId] = null;
            return true;
        }
    }

    public void Finish(string correlationId, bool succeeded)
    {
        lock (_ids)
        {
            if (succeeded) _ids[correlationId] = time.GetUtcNow();
            else _ids.Remove(correlationId);
        }
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var (id, finished) in _ids)
        {
            if (finished is { } at && now - at >= window) _ids.Remove(id);
        }
        _nextPurge = now + TimeSpan.FromSeconds(1);
    }
}

namespace Kryten.Sdk.Delivery;

/// <summary>
/// One at-least-once delivery on its way through the handlers: completes when the last handler has finished, with
/// whether all of them succeeded, so the JetStream message is acknowledged only then (or negatively acknowledged).
/// </summary>
internal sealed class EventDelivery(RecentEvents recent)
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _correlationId;

    // Starts at one for the dispatch itself, so the delivery cannot complete while handlers are still being started.
    private int _pending = 1;
    private int _failed;

    /// <summary>True when every handler succeeded (or none ran); false when one threw or timed out.</summary>
    public Task<bool> Completion => _done.Task;

    /// <summary>Whether the event was skipped as a duplicate of one handled within the window.</summary>
    public bool IsDuplicate { get; private set; }

    /// <summary>Claims the event by its correlation id; false (a duplicate, not to be dispatched) when it is taken.</summary>
    public bool TryBegin(string correlationId)
    {
        if (!recent.TryBegin(correlationId))
        {
            IsDuplicate = true;
            return false;
        }
        _correlationId = correlationId;
        return true;
    }

    public void HandlerStarted() => Interlocked.Increment(ref _pending);

    public void HandlerFinished(bool failed)
    {
        if (failed) Volatile.Write(ref _failed, 1);
        if (Interlocked.Decrement(ref _pending) != 0) return;
        var succeeded = Volatile.Read(ref _failed) == 0;
        if (_correlationId is not null) recent.Finish(_correlationId, succeeded);
        _done.TrySetResult(succeeded);
    }

    /// <summary>Every handler of the event has been started (or none matched, or the message was skipped).</summary>
    public void DispatchEnded() => HandlerFinished(failed: false);
}

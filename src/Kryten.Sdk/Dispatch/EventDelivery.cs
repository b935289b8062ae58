namespace Kryten.Sdk.Dispatch;

/// <summary>
/// Tracks one at-least-once delivery through its handlers: completes when the last handler has finished, with whether
/// all of them succeeded, so the JetStream message is acknowledged only then (or negatively acknowledged).
/// </summary>
internal sealed class EventDelivery
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Starts at one for the dispatch itself, so the delivery cannot complete while handlers are still being started.
    private int _pending = 1;
    private int _failed;

    /// <summary>True when every handler succeeded; false when one threw or timed out.</summary>
    public Task<bool> Completion => _done.Task;

    public void HandlerStarted() => Interlocked.Increment(ref _pending);

    public void HandlerFinished(bool failed)
    {
        if (failed) Volatile.Write(ref _failed, 1);
        if (Interlocked.Decrement(ref _pending) == 0) _done.TrySetResult(Volatile.Read(ref _failed) == 0);
    }

    /// <summary>Every handler of the event has been started (or none matched).</summary>
    public void DispatchEnded() => HandlerFinished(failed: false);
}

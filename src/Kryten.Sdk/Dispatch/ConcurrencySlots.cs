namespace Kryten.Sdk.Dispatch;

/// <summary>
/// The handler concurrency limit (<see cref="KrytenOptions.MaxConcurrentHandlers"/>): a count of free slots, taken and
/// given back with one interlocked operation each. Only a taker that finds none free waits, on a semaphore that counts
/// the wake-ups owed to waiters (in arrival order). A <see cref="SemaphoreSlim"/> alone would take a lock on every
/// take and every give-back, twice per handler invocation.
/// </summary>
internal sealed class ConcurrencySlots(int count)
{
    private readonly SemaphoreSlim _wakeUps = new(0);

    // Free slots; below zero, minus the number of takers waiting for one.
    private int _free = count;

    /// <summary>Takes a slot: completed at once when one is free, else when one is given back.</summary>
    public ValueTask TakeAsync() => Interlocked.Decrement(ref _free) >= 0 ? default : new ValueTask(_wakeUps.WaitAsync());

    /// <summary>Gives a slot back, to the longest-waiting taker if there is one.</summary>
    public void Give()
    {
        if (Interlocked.Increment(ref _free) <= 0) _wakeUps.Release();
    }
}

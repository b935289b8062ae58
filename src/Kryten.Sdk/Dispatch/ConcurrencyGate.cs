using System.Runtime.CompilerServices;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// The handler concurrency bound. Taking and returning a slot is one interlocked operation when a slot is free
/// (the per-event path); only when every slot is taken does a caller queue, and a returned slot is handed to it.
/// </summary>
internal sealed class ConcurrencyGate(int limit)
{
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private int _taken, _waiting;

    public int Taken => Volatile.Read(ref _taken);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnter()
    {
        var taken = Volatile.Read(ref _taken);
        while (taken < limit)
        {
            var seen = Interlocked.CompareExchange(ref _taken, taken + 1, taken);
            if (seen == taken) return true;
            taken = seen;
        }
        return false;
    }

    public Task EnterAsync(CancellationToken cancellationToken) => TryEnter() ? Task.CompletedTask : WaitAsync(cancellationToken);

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_waiters)
        {
            // Announce first, then re-check: Exit decrements first, then looks for waiters, so one of the two sees the other.
            Interlocked.Increment(ref _waiting);
            if (TryEnter())
            {
                Interlocked.Decrement(ref _waiting);
                return;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        // A cancelled waiter stays queued; Exit skips it and gives its slot to the next one.
        await using var registration = cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter).ConfigureAwait(false);
        await waiter.Task.ConfigureAwait(false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit()
    {
        Interlocked.Decrement(ref _taken);
        if (Volatile.Read(ref _waiting) != 0) HandOver();
    }

    private void HandOver()
    {
        lock (_waiters)
        {
            while (_waiters.Count > 0 && TryEnter())
            {
                var waiter = _waiters.Dequeue();
                Interlocked.Decrement(ref _waiting);
                if (!waiter.TrySetResult()) Interlocked.Decrement(ref _taken);
            }
        }
    }
}

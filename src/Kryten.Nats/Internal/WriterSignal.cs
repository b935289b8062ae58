using System.Threading.Tasks.Sources;

namespace Kryten.Nats.Internal;

/// <summary>
/// Wakes the single writer loop without allocating: publishers call <see cref="Set"/> on every
/// empty→non-empty transition, and the completion runs through this preallocated thread-pool work
/// item (a channel or TaskCompletionSource would allocate a work item per wake-up).
/// </summary>
internal sealed class WriterSignal : IValueTaskSource, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Signaled = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private int _state;

    /// <summary>Completes when <see cref="Set"/> was called since the last wait. Single waiter only.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled) return default;
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            Volatile.Write(ref _state, Idle);
            return default;
        }
        return new ValueTask(this, _core.Version);
    }

    public void Set()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Signaled) return;
            if (state == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle) return;
                continue;
            }
            if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace Kryten.Nats.Internal;

/// <summary>
/// The pending messages of one subscription, read by one consumer. Unlike a channel it does not wake the
/// consumer on every message: the read loop enqueues a whole socket read's worth of messages and then calls
/// <see cref="Wake"/> once, which saves a thread-pool wake-up per message when the consumer keeps up.
/// Waking is allocation-free (this object is the thread-pool work item and the value-task source).
/// </summary>
internal sealed class MessageQueue : ChannelReader<NatsMsg>, IValueTaskSource<bool>, IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<NatsMsg> _items = new();
    private readonly Action<NatsMsg> _onRead;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private CancellationToken _waitToken;
    private int _waiting;
    private volatile bool _cancelled;
    private volatile bool _completed;

    public MessageQueue(Action<NatsMsg> onRead) => _onRead = onRead;

    public override Task Completion => _completion.Task;

    public override bool CanCount => true;

    public override bool CanPeek => true;

    public override int Count => _items.Count;

    /// <summary>Producer side: queue without waking the consumer (see <see cref="Wake"/>).</summary>
    public void Enqueue(in NatsMsg msg) => _items.Enqueue(msg);

    /// <summary>Producer side: no more messages; the consumer drains what is queued, then sees the end.</summary>
    public void Complete()
    {
        _completed = true;
        if (_items.IsEmpty) _completion.TrySetResult();
        Wake();
    }

    /// <summary>Wakes a waiting consumer, if any.</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref _waiting, 0) != 1) return;
        _cancelled = false;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public override bool TryRead([MaybeNullWhen(false)] out NatsMsg item)
    {
        if (_items.TryDequeue(out item))
        {
            _onRead(item);
            if (_completed && _items.IsEmpty) _completion.TrySetResult();
            return true;
        }
        if (_completed) _completion.TrySetResult();
        return false;
    }

    public override bool TryPeek([MaybeNullWhen(false)] out NatsMsg item) => _items.TryPeek(out item);

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (!_items.IsEmpty) return new ValueTask<bool>(true);
        if (_completed)
        {
            _completion.TrySetResult();
            return new ValueTask<bool>(false);
        }
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<bool>(cancellationToken);
        _core.Reset();
        _waitToken = cancellationToken;
        Volatile.Write(ref _waiting, 1);
        // A message or completion may have arrived before the consumer announced that it waits.
        if ((!_items.IsEmpty || _completed) && Interlocked.Exchange(ref _waiting, 0) == 1)
            return new ValueTask<bool>(!_items.IsEmpty || !_completed);
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static (s, token) => ((MessageQueue)s!).Cancel(token), this);
        return new ValueTask<bool>(this, _core.Version);
    }

    private void Cancel(CancellationToken token)
    {
        if (token != _waitToken || Interlocked.Exchange(ref _waiting, 0) != 1) return;
        _cancelled = true;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (_cancelled) _core.SetException(new OperationCanceledException(_waitToken));
        else _core.SetResult(true);
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        _registration.Dispose();
        _registration = default;
        _core.GetResult(token);
        return !_items.IsEmpty || !_completed;
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

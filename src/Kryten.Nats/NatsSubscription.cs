using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kryten.Nats.Internal;

namespace Kryten.Nats;

/// <summary>
/// A subscription. Read it with <c>await foreach</c> or through <see cref="Messages"/>; both complete
/// when it is unsubscribed, drained or the connection closes. Messages beyond the pending limits are
/// dropped and counted (<see cref="DroppedMessages"/>), so memory stays bounded.
/// </summary>
/// <example>
/// <code>
/// await using var sub = await connection.SubscribeAsync("chat.*", queueGroup: "workers");
/// await foreach (var msg in sub)
/// {
///     using (msg) Console.WriteLine(msg.Subject);
/// }
/// </code>
/// </example>
public sealed class NatsSubscription : IAsyncEnumerable<NatsMsg>, IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly MessageQueue? _queue;
    private readonly Action<NatsMsg>? _handler;
    private readonly int _maxPendingMessages;
    private readonly long _maxPendingBytes;
    private long _pendingMessages;
    private long _pendingBytes;
    private long _delivered;
    private long _dropped;
    private long _lastDropLogTicks;
    private int _completed;
    private bool _slow;

    internal NatsSubscription(NatsConnection connection, long sid, string subject, string? queueGroup, int maxPendingMessages, long maxPendingBytes, Action<NatsMsg>? handler)
    {
        _connection = connection;
        Sid = sid;
        Subject = subject;
        QueueGroup = queueGroup;
        Subjects = new SubjectCache(subject, cacheOthers: handler is null);
        _maxPendingMessages = maxPendingMessages;
        _maxPendingBytes = maxPendingBytes;
        _handler = handler;
        if (handler is null)
        {
            _queue = new MessageQueue(OnRead);
        }
    }

    /// <summary>The subject (may contain wildcards).</summary>
    /// <example><code>Console.WriteLine(sub.Subject);</code></example>
    public string Subject { get; }

    /// <summary>The queue group, or null.</summary>
    /// <example><code>Console.WriteLine(sub.QueueGroup ?? "(none)");</code></example>
    public string? QueueGroup { get; }

    /// <summary>Messages dropped because the pending queue was full.</summary>
    /// <example><code>if (sub.DroppedMessages &gt; 0) logger.LogWarning("falling behind");</code></example>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Messages received but not read yet.</summary>
    /// <example><code>Console.WriteLine(sub.PendingMessages);</code></example>
    public long PendingMessages => Interlocked.Read(ref _pendingMessages);

    /// <summary>
    /// The message stream; completes on unsubscribe, drain or close. Read it from one consumer at a time
    /// (it is a single-reader channel, which keeps the receive path lock-free); fan out after reading if needed.
    /// </summary>
    /// <example>
    /// <code>
    /// while (await sub.Messages.WaitToReadAsync(ct))
    ///     while (sub.Messages.TryRead(out var msg)) using (msg) Handle(msg);
    /// </code>
    /// </example>
    public ChannelReader<NatsMsg> Messages => _queue ?? throw new InvalidOperationException("internal subscription has no reader");

    internal long Sid { get; }

    internal SubjectCache Subjects { get; }

    internal long MaxMessages { get; private set; }

    internal long Delivered => Interlocked.Read(ref _delivered);

    internal bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Stops the subscription now, or after <paramref name="afterMessages"/> more messages in total.</summary>
    /// <param name="afterMessages">Total messages (counted from the start) after which the server removes it; null = now.</param>
    /// <returns>Completes when the UNSUB is queued.</returns>
    /// <example><code>await sub.UnsubscribeAsync(afterMessages: 10); // stop after the 10th message</code></example>
    public ValueTask UnsubscribeAsync(int? afterMessages = null)
    {
        if (afterMessages is int n)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(afterMessages));
            MaxMessages = n;
            if (Delivered >= n)
            {
                return _connection.RemoveSubscriptionAsync(this, sendUnsub: true);
            }
            return _connection.SendAutoUnsubscribeAsync(this, n);
        }
        return _connection.RemoveSubscriptionAsync(this, sendUnsub: true);
    }

    /// <summary>Unsubscribes.</summary>
    /// <returns>Completes when the UNSUB is queued.</returns>
    /// <example><code>await using var sub = await connection.SubscribeAsync("x");</code></example>
    public ValueTask DisposeAsync() => IsCompleted ? ValueTask.CompletedTask : UnsubscribeAsync();

    /// <summary>Enumerates messages until the subscription completes (one enumerator at a time, see <see cref="Messages"/>).</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The enumerator.</returns>
    /// <example><code>await foreach (var msg in sub.WithCancellation(ct)) using (msg) Handle(msg);</code></example>
    public IAsyncEnumerator<NatsMsg> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<NatsMsg> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = Messages;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var msg)) yield return msg;
        }
    }

    /// <summary>Called by the read loop only. Returns true when the auto-unsubscribe limit was reached.</summary>
    internal bool Deliver(in NatsMsg msg)
    {
        if (IsCompleted)
        {
            msg.Dispose();
            return false;
        }
        var delivered = Interlocked.Increment(ref _delivered);
        var max = MaxMessages;
        if (max > 0 && delivered > max)
        {
            msg.Dispose();
            return true;
        }
        if (_handler is not null)
        {
            _handler(msg);
        }
        else if (Interlocked.Read(ref _pendingMessages) >= _maxPendingMessages
                 || Interlocked.Read(ref _pendingBytes) + msg.Size > _maxPendingBytes)
        {
            msg.Dispose();
            Drop();
        }
        else
        {
            Interlocked.Increment(ref _pendingMessages);
            Interlocked.Add(ref _pendingBytes, msg.Size);
            _queue!.Enqueue(msg);
            _slow = false;
        }
        return max > 0 && delivered >= max;
    }

    private void Drop()
    {
        var dropped = Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _connection.StatisticsCounters._slowConsumerDrops);
        var now = Environment.TickCount64;
        var firstOfEpisode = !_slow;
        _slow = true;
        if (firstOfEpisode || now - _lastDropLogTicks >= 1000)
        {
            _lastDropLogTicks = now;
            _connection.ReportSlowConsumer(this, dropped, raiseEvent: firstOfEpisode);
        }
    }

    /// <summary>Ends the message stream; messages already queued stay readable.</summary>
    internal void Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        _queue?.Complete();
    }

    /// <summary>Set while the subscription is in a read loop's list of subscriptions to wake (read loop only).</summary>
    internal bool AwaitingWake { get; set; }

    /// <summary>Wakes the consumer after a batch of <see cref="Deliver"/> calls (read loop only).</summary>
    internal void WakeReader() => _queue?.Wake();

    private void OnRead(NatsMsg msg)
    {
        Interlocked.Decrement(ref _pendingMessages);
        Interlocked.Add(ref _pendingBytes, -msg.Size);
    }
}

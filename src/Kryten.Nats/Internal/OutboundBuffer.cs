using System.Buffers;

namespace Kryten.Nats.Internal;

/// <summary>
/// Commands waiting for the socket, as a list of fixed-size segments. Publishers append under
/// <see cref="Sync"/>; one writer loop takes all filled segments at once and writes them, so many small
/// publishes become few socket writes. Segments are recycled through a bounded free list, so steady-state
/// publishing allocates nothing and a burst never copies the buffer to grow it. While offline the same
/// segments hold what is published until the next reconnect.
/// </summary>
internal sealed class OutboundBuffer : IBufferWriter<byte>
{
    private const int SegmentSize = 64 * 1024;
    private const int MaxFreeSegments = 160;

    private readonly Stack<byte[]> _free = new();
    private List<(byte[] Array, int Length)> _pending = [];
    private List<(byte[] Array, int Length)>? _spareList = [];
    private byte[] _current = new byte[SegmentSize];
    private int _currentLength;
    private int _length;
    private TaskCompletionSource? _drained;
    private volatile WriterSignal? _signal;

    /// <summary>Guards the segments, <see cref="Online"/> and <see cref="PendingPings"/>.</summary>
    public object Sync { get; } = new();

    /// <summary>Bytes waiting (read under <see cref="Sync"/>).</summary>
    public int Length => _length;

    /// <summary>A writer loop is draining the buffer to a live socket.</summary>
    public bool Online { get; set; }

    /// <summary>PING commands in the buffer that no socket has seen yet.</summary>
    public int PendingPings { get; set; }

    public void Advance(int count)
    {
        _currentLength += count;
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_currentLength);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_currentLength);
    }

    /// <summary>Tells the writer loop there is work. Call after releasing <see cref="Sync"/>.</summary>
    public void Wake() => _signal?.Set();

    /// <summary>Waits until the writer has taken the buffer (back-pressure for fast publishers).</summary>
    public Task WaitDrainedAsync(CancellationToken cancellationToken)
    {
        lock (Sync)
        {
            if (!Online) return Task.CompletedTask;
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Releases back-pressure waiters (after the writer took the buffer, or when going offline).</summary>
    public void ReleaseDrainedLocked()
    {
        _drained?.TrySetResult();
        _drained = null;
    }

    /// <summary>Writes everything appended so far to <paramref name="stream"/> until cancelled.</summary>
    public async Task RunWriterAsync(Stream stream, CancellationToken cancellationToken)
    {
        // One signal per writer loop: a loop that is being torn down can never consume a newer loop's wake-up.
        var signal = new WriterSignal();
        _signal = signal;
        using var stop = cancellationToken.Register(static s => ((WriterSignal)s!).Set(), signal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<(byte[] Array, int Length)>? batch = null;
            lock (Sync)
            {
                if (_length > 0)
                {
                    if (_currentLength > 0)
                    {
                        _pending.Add((_current, _currentLength));
                        _current = RentSegment(SegmentSize);
                        _currentLength = 0;
                    }
                    batch = _pending;
                    _pending = _spareList ?? [];
                    _spareList = null;
                    _length = 0;
                    PendingPings = 0;
                    ReleaseDrainedLocked();
                }
            }
            if (batch is null)
            {
                await signal.WaitAsync().ConfigureAwait(false);
                continue;
            }
            try
            {
                foreach (var (array, length) in batch)
                {
                    await stream.WriteAsync(array.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (Sync)
                {
                    foreach (var (array, _) in batch) ReturnSegment(array);
                    batch.Clear();
                    _spareList = batch;
                }
            }
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        if (_current.Length - _currentLength >= sizeHint) return;
        if (_currentLength > 0) _pending.Add((_current, _currentLength));
        else ReturnSegment(_current);
        _current = RentSegment(sizeHint);
        _currentLength = 0;
    }

    private byte[] RentSegment(int sizeHint)
    {
        if (sizeHint > SegmentSize) return ArrayPool<byte>.Shared.Rent(sizeHint);
        return _free.TryPop(out var segment) ? segment : new byte[SegmentSize];
    }

    private void ReturnSegment(byte[] segment)
    {
        if (segment.Length != SegmentSize) ArrayPool<byte>.Shared.Return(segment);
        else if (_free.Count < MaxFreeSegments) _free.Push(segment);
    }
}

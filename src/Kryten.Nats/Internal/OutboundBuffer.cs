using System.Buffers;

namespace Kryten.Nats.Internal;

/// <summary>
/// Commands waiting for the socket. Publishers append under <see cref="Sync"/>; one writer loop swaps the
/// buffer out and writes it in one call, so many small publishes become one socket write. While offline
/// the same buffer holds what is published until the next reconnect.
/// </summary>
internal sealed class OutboundBuffer : IBufferWriter<byte>
{
    private const int InitialSize = 64 * 1024;
    private const int MaxRetainedSize = 4 * 1024 * 1024;

    private volatile WriterSignal? _signal;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private byte[]? _spare;
    private int _length;
    private TaskCompletionSource? _drained;

    /// <summary>Guards the buffer, <see cref="Online"/> and <see cref="PendingPings"/>.</summary>
    public object Sync { get; } = new();

    /// <summary>Bytes waiting (read under <see cref="Sync"/>).</summary>
    public int Length => _length;

    /// <summary>A writer loop is draining the buffer to a live socket.</summary>
    public bool Online { get; set; }

    /// <summary>PING commands in the buffer that no socket has seen yet.</summary>
    public int PendingPings { get; set; }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
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

    /// <summary>Releases back-pressure waiters (after a swap, or when going offline).</summary>
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
            byte[]? chunk = null;
            int length = 0;
            lock (Sync)
            {
                if (_length > 0)
                {
                    chunk = _buffer;
                    length = _length;
                    _buffer = _spare ?? ArrayPool<byte>.Shared.Rent(InitialSize);
                    _spare = null;
                    _length = 0;
                    PendingPings = 0;
                    ReleaseDrainedLocked();
                }
            }
            if (chunk is null)
            {
                await signal.WaitAsync().ConfigureAwait(false);
                continue;
            }
            try
            {
                await stream.WriteAsync(chunk.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (Sync)
                {
                    if (_spare is null && chunk.Length <= MaxRetainedSize) _spare = chunk;
                    else ArrayPool<byte>.Shared.Return(chunk);
                }
            }
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 256;
        if (_buffer.Length - _length >= sizeHint) return;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + sizeHint));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}

using System.Buffers;
using System.Collections.Concurrent;

namespace Kryten.Nats.Internal;

/// <summary>
/// A pooled array holding one received payload. The version number makes disposal idempotent across
/// copies of a <see cref="NatsMsg"/>: only the first Dispose of a given version returns the array.
/// </summary>
internal sealed class PayloadLease
{
    private const int MaxPooledLeases = 4096;
    private static readonly ConcurrentQueue<PayloadLease> Pool = new();
    private static int s_pooled;

    private int _version;

    public byte[] Array { get; private set; } = [];

    public int Version => Volatile.Read(ref _version);

    public static PayloadLease Rent(int size)
    {
        if (Pool.TryDequeue(out var lease)) Interlocked.Decrement(ref s_pooled);
        else lease = new PayloadLease();
        lease.Array = ArrayPool<byte>.Shared.Rent(size);
        return lease;
    }

    /// <summary>Returns the array if <paramref name="version"/> is still current.</summary>
    public void Release(int version)
    {
        if (Interlocked.CompareExchange(ref _version, version + 1, version) != version) return;
        var array = Array;
        Array = [];
        ArrayPool<byte>.Shared.Return(array);
        if (Interlocked.Increment(ref s_pooled) <= MaxPooledLeases) Pool.Enqueue(this);
        else Interlocked.Decrement(ref s_pooled);
    }
}

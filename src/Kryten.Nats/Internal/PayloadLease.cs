using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;

namespace Kryten.Nats.Internal;

/// <summary>
/// A pooled buffer holding one received payload. Leases keep their (small) arrays while pooled, because the
/// read loop rents and the consumer returns on another thread, a pattern ArrayPool's thread-local caches
/// miss, which would allocate per message. Large payloads use ArrayPool. The version number makes disposal
/// idempotent across copies of a <see cref="NatsMsg"/>: only the first Dispose of a version releases it.
/// Memory is bounded: at most <see cref="MaxPooledLeases"/> leases of at most <see cref="MaxKeptArray"/> bytes.
/// </summary>
internal sealed class PayloadLease
{
    private const int MaxPooledLeases = 2048;
    private const int MaxKeptArray = 8 * 1024;
    private const int MinArray = 128;
    private static readonly ConcurrentQueue<PayloadLease> Pool = new();
    private static int s_pooled;

    private int _version;

    public byte[] Array { get; private set; } = [];

    public int Version => Volatile.Read(ref _version);

    public static PayloadLease Rent(int size)
    {
        if (Pool.TryDequeue(out var lease)) Interlocked.Decrement(ref s_pooled);
        else lease = new PayloadLease();
        if (lease.Array.Length < size)
        {
            lease.Array = size <= MaxKeptArray
                ? new byte[Math.Max(MinArray, (int)BitOperations.RoundUpToPowerOf2((uint)size))]
                : ArrayPool<byte>.Shared.Rent(size);
        }
        return lease;
    }

    /// <summary>Returns the buffer if <paramref name="version"/> is still current.</summary>
    public void Release(int version)
    {
        if (Interlocked.CompareExchange(ref _version, version + 1, version) != version) return;
        if (Array.Length > MaxKeptArray)
        {
            ArrayPool<byte>.Shared.Return(Array);
            Array = [];
        }
        if (Interlocked.Increment(ref s_pooled) <= MaxPooledLeases) Pool.Enqueue(this);
        else Interlocked.Decrement(ref s_pooled);
    }
}

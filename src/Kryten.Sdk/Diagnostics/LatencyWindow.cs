namespace Kryten.Sdk.Diagnostics;

/// <summary>The last N handler latencies, for the mean and p99 that <see cref="KrytenClient.Health"/> reports.</summary>
/// <remarks>Written once per handler invocation, so lock-free: a snapshot may see a sample that is being replaced.</remarks>
internal sealed class LatencyWindow
{
    private readonly double[] _samples;
    private readonly long _mask;
    private long _written;

    /// <param name="capacity">How many samples; a power of two, so the ring index is a mask rather than a division.</param>
    public LatencyWindow(int capacity)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be a power of two");
        _samples = new double[capacity];
        _mask = capacity - 1;
    }

    public void Add(double milliseconds)
    {
        var index = (Interlocked.Increment(ref _written) - 1) & _mask;
        Volatile.Write(ref _samples[index], milliseconds);
    }

    public (double Mean, double P99) Snapshot()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _written), _samples.Length);
        if (count == 0) return (0, 0);
        var copy = _samples.AsSpan(0, count).ToArray();
        Array.Sort(copy);
        var p99 = copy[Math.Min(copy.Length - 1, (int)Math.Ceiling(copy.Length * 0.99) - 1)];
        return (copy.Average(), p99);
    }
}

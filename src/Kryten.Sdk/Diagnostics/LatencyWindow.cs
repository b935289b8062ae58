namespace Kryten.Sdk.Diagnostics;

/// <summary>The last N handler latencies, for the mean and p99 that <see cref="KrytenClient.Health"/> reports.</summary>
/// <remarks>Written once per handler invocation, so lock-free: a snapshot may see a sample that is being replaced.</remarks>
internal sealed class LatencyWindow(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private long _written;

    public void Add(double milliseconds)
    {
        var index = (Interlocked.Increment(ref _written) - 1) % _samples.Length;
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

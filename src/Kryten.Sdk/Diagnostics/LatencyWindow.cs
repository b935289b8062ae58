namespace Kryten.Sdk.Diagnostics;

/// <summary>The last N handler latencies, for the mean and p99 that <see cref="KrytenClient.Health"/> reports.</summary>
internal sealed class LatencyWindow(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private readonly object _gate = new();
    private int _next, _count;

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _samples[_next] = milliseconds;
            _next = (_next + 1) % _samples.Length;
            if (_count < _samples.Length) _count++;
        }
    }

    public (double Mean, double P99) Snapshot()
    {
        double[] copy;
        lock (_gate)
        {
            if (_count == 0) return (0, 0);
            copy = _samples.AsSpan(0, _count).ToArray();
        }
        Array.Sort(copy);
        var p99 = copy[Math.Min(copy.Length - 1, (int)Math.Ceiling(copy.Length * 0.99) - 1)];
        return (copy.Average(), p99);
    }
}

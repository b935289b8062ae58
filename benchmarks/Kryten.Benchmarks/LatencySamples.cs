namespace Kryten.Benchmarks;

/// <summary>Latency samples in microseconds, recorded into a preallocated array so measuring does not allocate.</summary>
internal sealed class LatencySamples
{
    private readonly double[] _micros;
    private int _count;

    public LatencySamples(int capacity) => _micros = new double[capacity];

    public void Add(long startTimestamp, long endTimestamp)
    {
        if (_count < _micros.Length) _micros[_count++] = (endTimestamp - startTimestamp) * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
    }

    public double Percentile(double q)
    {
        if (_count == 0) return double.NaN;
        var sorted = _micros.AsSpan(0, _count);
        sorted.Sort();
        return sorted[Math.Min(_count - 1, (int)(q * _count))];
    }
}

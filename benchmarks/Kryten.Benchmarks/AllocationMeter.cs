namespace Kryten.Benchmarks;

/// <summary>
/// Bytes allocated by the whole process between two points, so allocations on the client's background reader and
/// writer count too (a per-thread counter would miss them).
/// </summary>
internal readonly struct AllocationMeter
{
    private readonly long _start;

    private AllocationMeter(long start) => _start = start;

    public static AllocationMeter Start() => new(GC.GetTotalAllocatedBytes(precise: true));

    public double PerItem(long items) => items == 0 ? double.NaN : (GC.GetTotalAllocatedBytes(precise: true) - _start) / (double)items;
}

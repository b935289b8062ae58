namespace Kryten.Sdk.Dispatch;

/// <summary>
/// Reuses handler cancellation sources: every invocation needs one, and most finish without cancelling theirs, which
/// <see cref="CancellationTokenSource.TryReset"/> then makes as good as new. The free sources sit in an array of
/// slots taken and filled with compare-and-swap, so renting takes no lock (once per invocation); with handlers that
/// finish at once the first slot is nearly always the one used.
/// </summary>
internal sealed class CancellationSourcePool(int capacity)
{
    // A rent while every source is out looks at every slot, so the slots are capped: with more than 64 handlers running
    // (asynchronous ones, which allocate anyway), the invocations beyond 64 each make a source and dispose it.
    private const int MaxSlots = 64;

    private readonly CancellationTokenSource?[] _free = new CancellationTokenSource?[Math.Min(capacity, MaxSlots)];

    public CancellationTokenSource Rent()
    {
        for (var i = 0; i < _free.Length; i++)
        {
            var source = Volatile.Read(ref _free[i]);
            if (source is not null && Interlocked.CompareExchange(ref _free[i], null, source) == source) return source;
        }
        return new CancellationTokenSource();
    }

    public void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            for (var i = 0; i < _free.Length; i++)
            {
                if (Volatile.Read(ref _free[i]) is null && Interlocked.CompareExchange(ref _free[i], source, null) is null) return;
            }
        }
        source.Dispose();
    }
}

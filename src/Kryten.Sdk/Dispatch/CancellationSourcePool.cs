namespace Kryten.Sdk.Dispatch;

/// <summary>
/// Reuses handler cancellation sources: every invocation needs one, and most finish without cancelling theirs, which
/// <see cref="CancellationTokenSource.TryReset"/> then makes as good as new.
/// </summary>
internal sealed class CancellationSourcePool(int capacity)
{
    private readonly Stack<CancellationTokenSource> _free = new();

    public CancellationTokenSource Rent()
    {
        lock (_free)
        {
            if (_free.TryPop(out var source)) return source;
        }
        return new CancellationTokenSource();
    }

    public void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            lock (_free)
            {
                if (_free.Count < capacity)
                {
                    _free.Push(source);
                    return;
                }
            }
        }
        source.Dispose();
    }
}

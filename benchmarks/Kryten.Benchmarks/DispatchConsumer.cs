namespace Kryten.Benchmarks;

/// <summary>
/// One consumer of the dispatch benchmark, connected once and kept for the whole run, as a bot is: rounds only change
/// which consumer's subject the envelopes are published to. <see cref="Consumed"/> counts every message it finished.
/// </summary>
internal abstract class DispatchConsumer(string name, string subject) : IAsyncDisposable
{
    // The consumer wakes the waiting publisher every SignalEvery messages; cheaper than polling, and exact.
    private const int SignalEvery = 256;

    private long _consumed;

    /// <summary>The consumer's name in the tables.</summary>
    public string Name { get; } = name;

    /// <summary>Where the publisher sends this consumer's envelopes.</summary>
    public string Subject { get; } = subject;

    /// <summary>Released every <see cref="SignalEvery"/> messages.</summary>
    public SemaphoreSlim Progress { get; } = new(0);

    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>What went wrong so far (drops, unreadable messages, handler errors), or null; must stay null.</summary>
    public abstract string? Problems();

    protected void Count()
    {
        if (Interlocked.Increment(ref _consumed) % SignalEvery == 0) Progress.Release();
    }

    public virtual ValueTask DisposeAsync()
    {
        Progress.Dispose();
        return ValueTask.CompletedTask;
    }
}

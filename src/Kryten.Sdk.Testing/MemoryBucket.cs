using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kryten.Sdk.State;

namespace Kryten.Sdk.Testing;

/// <summary>
/// One simulated KV bucket of the in-memory bus: the values the test wrote, and the state views watching it. It knows
/// when every watcher has applied every write, so that a test that seeds state can go on knowing the client sees it.
/// </summary>
internal sealed class MemoryBucket
{
    private readonly object _gate = new();
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expectedWatchers;

    public void Put(string key, byte[] value)
    {
        lock (_gate)
        {
            _values[key] = value;
            foreach (var watcher in _watchers) watcher.Write(new StateEntry(key, value, Deleted: false));
        }
    }

    public void Delete(string key)
    {
        lock (_gate)
        {
            if (!_values.Remove(key)) return;
            foreach (var watcher in _watchers) watcher.Write(new StateEntry(key, default, Deleted: true));
        }
    }

    /// <summary>State views that were waiting for the bucket and will watch it: a write is settled only once they do.</summary>
    public void ExpectWatchers(int count)
    {
        lock (_gate) _expectedWatchers += count;
    }

    /// <summary>A view that was expected stopped before it watched.</summary>
    public void Unexpect()
    {
        lock (_gate)
        {
            if (_expectedWatchers > 0) _expectedWatchers--;
        }
        Progressed();
    }

    public async IAsyncEnumerable<StateEntry> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = new Watcher(this);
        lock (_gate)
        {
            foreach (var (key, value) in _values) watcher.Write(new StateEntry(key, value, Deleted: false));
            watcher.Write(StateEntry.CaughtUp);
            _watchers.Add(watcher);
            if (_expectedWatchers > 0) _expectedWatchers--;
        }
        Progressed();
        try
        {
            await foreach (var entry in watcher.Entries.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return entry;
                watcher.Applied();   // the consumer asks for the next entry only once it has applied this one
            }
        }
        finally
        {
            lock (_gate) _watchers.Remove(watcher);
            Progressed();
        }
    }

    /// <summary>Returns once every view told of the bucket watches it and has applied every write.</summary>
    public async Task WhenSettledAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_expectedWatchers == 0 && _watchers.All(w => w.IsSettled)) return;
                progress = _progress.Task;
            }
            try
            {
                await progress.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the client's state views did not apply the bucket's values within {timeout}");
            }
        }
    }

    private void Progressed()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    private sealed class Watcher(MemoryBucket bucket)
    {
        private readonly Channel<StateEntry> _entries = Channel.CreateUnbounded<StateEntry>(new UnboundedChannelOptions { SingleReader = true });
        private long _written, _applied;

        public ChannelReader<StateEntry> Entries => _entries.Reader;

        public bool IsSettled => Interlocked.Read(ref _applied) >= Interlocked.Read(ref _written);

        public void Write(StateEntry entry)
        {
            Interlocked.Increment(ref _written);
            _entries.Writer.TryWrite(entry);
        }

        public void Applied()
        {
            Interlocked.Increment(ref _applied);
            bucket.Progressed();
        }
    }
}

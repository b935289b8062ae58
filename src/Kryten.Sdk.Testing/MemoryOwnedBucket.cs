using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kryten.Sdk.Storage;

namespace Kryten.Sdk.Testing;

/// <summary>
/// A service's own bucket on the in-memory bus, behaving as JetStream KV does: one revision counter for the whole
/// bucket, deletions and purges kept as markers (a create over one succeeds, a compare-and-set names its revision),
/// values older than <see cref="KrytenBucketOptions.MaxAge"/> gone without a marker, values over
/// <see cref="KrytenBucketOptions.MaxValueSize"/> refused. Only the latest change of each key is kept.
/// </summary>
internal sealed class MemoryOwnedBucket(string name, KrytenBucketOptions options, TimeProvider time) : IOwnedBucket
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Stored> _latest = new(StringComparer.Ordinal);
    private readonly List<ChannelWriter<OwnedEntry>> _watchers = [];
    private ulong _revision;

    public string Name => name;

    public ValueTask<OwnedEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new ValueTask<OwnedEntry?>(Latest(key) is { Entry.Kind: KrytenBucketChangeKind.Put } stored ? stored.Entry : null);
        }
    }

    public ValueTask<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        Write(key, value, KrytenBucketChangeKind.Put, _ => null, cancellationToken);

    public ValueTask<ulong> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        Write(key, value, KrytenBucketChangeKind.Put, current => current is { Entry.Kind: KrytenBucketChangeKind.Put }
            ? new KrytenBucketException(name, key, KrytenBucketReason.AlreadyExists, $"creating {name}/{key}: the key already holds a value")
            : null, cancellationToken);

    public ValueTask<ulong> UpdateAsync(string key, ReadOnlyMemory<byte> value, ulong revision, CancellationToken cancellationToken) =>
        Write(key, value, KrytenBucketChangeKind.Put, current => (current?.Entry.Revision ?? 0) != revision
            ? new KrytenBucketException(name, key, KrytenBucketReason.WrongRevision, $"updating {name}/{key}: the key is no longer at revision {revision}")
            : null, cancellationToken);

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Write(key, default, KrytenBucketChangeKind.Delete, _ => null, cancellationToken).ConfigureAwait(false);

    public async ValueTask PurgeAsync(string key, CancellationToken cancellationToken) =>
        await Write(key, default, KrytenBucketChangeKind.Purge, _ => null, cancellationToken).ConfigureAwait(false);

    public IAsyncEnumerable<string> KeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Expire();
            return _latest.Where(p => p.Value.Entry.Kind == KrytenBucketChangeKind.Put).Select(p => p.Key).ToArray().ToAsyncEnumerable();
        }
    }

    public async IAsyncEnumerable<OwnedEntry> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = Channel.CreateUnbounded<OwnedEntry>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            Expire();
            foreach (var stored in _latest.Values.OrderBy(s => s.Entry.Revision)) changes.Writer.TryWrite(stored.Entry);
            _watchers.Add(changes.Writer);
        }
        try
        {
            await foreach (var change in changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate) _watchers.Remove(changes.Writer);
        }
    }

    private ValueTask<ulong> Write(string key, ReadOnlyMemory<byte> value, KrytenBucketChangeKind kind, Func<Stored?, KrytenBucketException?> refuse, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (options.MaxValueSize is { } max && value.Length > max)
        {
            throw new KrytenBucketException(name, key, KrytenBucketReason.TooLarge, $"writing {name}/{key}: the value is larger than the bucket's maximum value size");
        }
        lock (_gate)
        {
            if (refuse(Latest(key)) is { } refused) throw refused;
            var entry = new OwnedEntry(key, value.ToArray(), ++_revision, kind);
            _latest[key] = new Stored(entry, time.GetUtcNow());
            foreach (var watcher in _watchers) watcher.TryWrite(entry);
            return new ValueTask<ulong>(entry.Revision);
        }
    }

    private Stored? Latest(string key)
    {
        Expire();
        return _latest.TryGetValue(key, out var stored) ? stored : null;
    }

    // JetStream drops messages older than the bucket's max age, markers included, and tells no watcher.
    private void Expire()
    {
        if (options.MaxAge is not { } maxAge) return;
        var oldest = time.GetUtcNow() - maxAge;
        foreach (var (key, stored) in _latest.Where(p => p.Value.Written < oldest).ToArray()) _latest.Remove(key);
    }

    private sealed record Stored(OwnedEntry Entry, DateTimeOffset Written);
}

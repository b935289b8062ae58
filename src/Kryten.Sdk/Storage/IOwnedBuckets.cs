namespace Kryten.Sdk.Storage;

/// <summary>
/// The seam between <see cref="KrytenOwnedBucket{T}"/> and where a service's own buckets live: JetStream KV on a NATS
/// connection (<see cref="KvOwnedBuckets"/>), or the in-memory bus of Kryten.Sdk.Testing. Implementations store bytes
/// and throw <see cref="KrytenBucketException"/>; the typed bucket does the JSON.
/// </summary>
internal interface IOwnedBuckets
{
    /// <summary>Binds to the bucket, creating it with <paramref name="options"/> when it does not exist.</summary>
    ValueTask<IOwnedBucket> OpenOwnedAsync(string bucket, KrytenBucketOptions options, CancellationToken cancellationToken);
}

/// <summary>One open bucket, by bytes. Every operation throws <see cref="KrytenBucketException"/> when it did not happen.</summary>
internal interface IOwnedBucket
{
    string Name { get; }

    /// <summary>The key's latest value; null when it has none (never written, deleted, purged or expired).</summary>
    ValueTask<OwnedEntry?> GetAsync(string key, CancellationToken cancellationToken);

    ValueTask<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Writes only when the key has no value (reason <see cref="KrytenBucketReason.AlreadyExists"/> otherwise).</summary>
    ValueTask<ulong> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Writes only when the key's last change is at <paramref name="revision"/> (reason <see cref="KrytenBucketReason.WrongRevision"/> otherwise).</summary>
    ValueTask<ulong> UpdateAsync(string key, ReadOnlyMemory<byte> value, ulong revision, CancellationToken cancellationToken);

    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    ValueTask PurgeAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key holding a value, in no particular order.</summary>
    IAsyncEnumerable<string> KeysAsync(CancellationToken cancellationToken);

    /// <summary>Each key's latest change (deletions included), then every change as it happens.</summary>
    IAsyncEnumerable<OwnedEntry> WatchAsync(CancellationToken cancellationToken);
}

/// <summary>A key's change as stored: its bytes (empty for a deletion or purge), revision and kind.</summary>
internal readonly record struct OwnedEntry(string Key, ReadOnlyMemory<byte> Value, ulong Revision, KrytenBucketChangeKind Kind);

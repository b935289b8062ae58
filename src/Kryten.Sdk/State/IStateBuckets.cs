namespace Kryten.Sdk.State;

/// <summary>
/// The seam between the robot state and where the bridge keeps it: JetStream KV on a NATS connection
/// (<see cref="KvStateBuckets"/>), or the in-memory bus of Kryten.Sdk.Testing, which lets a bot's tests seed a
/// playlist and a user list. Implementations only read; the bridge owns the buckets, so nothing here creates one.
/// </summary>
internal interface IStateBuckets
{
    /// <summary>Opens a bucket for reading; null when it does not exist. Throws <see cref="StateReadException"/> when it cannot tell.</summary>
    ValueTask<IStateBucket?> OpenAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Returns when <paramref name="bucket"/> may have appeared (its creation was announced), or after
    /// <paramref name="timeout"/> at the latest: the caller then tries <see cref="OpenAsync"/> again.
    /// </summary>
    Task WaitForBucketAsync(string bucket, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>One open bucket.</summary>
internal interface IStateBucket
{
    /// <summary>
    /// Every key's current value, then <see cref="StateEntry.CaughtUp"/>, then each change in the order written. The
    /// sequence ends (and the caller opens the bucket again) when the source can no longer vouch for it, e.g. after a
    /// reconnect, when the bucket may have been lost or recreated meanwhile. Throws <see cref="StateReadException"/>.
    /// </summary>
    IAsyncEnumerable<StateEntry> WatchAsync(CancellationToken cancellationToken);
}

/// <summary>A key's value (or its deletion) as stored, or the mark that every current value has been delivered.</summary>
/// <param name="Key">The key; null for the caught-up mark.</param>
/// <param name="Value">The stored bytes (valid until the next entry is asked for); empty for a deletion.</param>
/// <param name="Deleted">True when the key was deleted or purged.</param>
internal readonly record struct StateEntry(string? Key, ReadOnlyMemory<byte> Value, bool Deleted)
{
    /// <summary>Every value the bucket held when the watch began has been delivered.</summary>
    public static StateEntry CaughtUp => default;

    public bool IsCaughtUp => Key is null;
}

/// <summary>A bucket could not be read; <see cref="Reason"/> is one of the failed reasons.</summary>
internal sealed class StateReadException(KrytenStateReason reason, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public KrytenStateReason Reason { get; } = reason;
}

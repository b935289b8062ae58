namespace Kryten.Sdk;

/// <summary>
/// An operation on a service's own KV bucket (<see cref="KrytenOwnedBucket{T}"/>) did not happen. <see cref="Reason"/>
/// tells a conflict a caller resolves (<see cref="KrytenBucketReason.AlreadyExists"/>,
/// <see cref="KrytenBucketReason.WrongRevision"/>) from bad data (<see cref="KrytenBucketReason.Malformed"/>) and from
/// JetStream being unreachable. A missing key is not an error: <see cref="KrytenOwnedBucket{T}.GetAsync"/> answers null.
/// </summary>
/// <example>
/// <code>
/// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
/// try
/// {
///     if (await lastSaid.GetAsync("alice", ct) is { } entry) Console.WriteLine(entry.Value.Msg);
/// }
/// catch (KrytenBucketException e) when (e.Reason == KrytenBucketReason.Malformed)
/// {
///     Console.Error.WriteLine(e.Message);   // names the bucket, the key and the revision
/// }
/// </code>
/// </example>
public sealed class KrytenBucketException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key, when the operation was about one.</param>
    /// <param name="reason">Why it did not happen.</param>
    /// <param name="message">What happened, for people.</param>
    /// <param name="innerException">The NATS or JSON failure, if any.</param>
    public KrytenBucketException(string bucket, string? key, KrytenBucketReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Bucket = bucket;
        Key = key;
        Reason = reason;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The key, when the operation was about one.</summary>
    public string? Key { get; }

    /// <summary>Why the operation did not happen.</summary>
    public KrytenBucketReason Reason { get; }
}

/// <summary>Why an operation on an owned bucket did not happen.</summary>
public enum KrytenBucketReason
{
    /// <summary>The bucket is one the bridge owns (<see cref="KrytenBuckets"/>); it is read through <see cref="KrytenClient.ChannelState"/>, never opened as a service's own.</summary>
    RobotOwned,

    /// <summary>A create-only write found the key holding a value.</summary>
    AlreadyExists,

    /// <summary>A compare-and-set write found the key at another revision (someone wrote it meanwhile).</summary>
    WrongRevision,

    /// <summary>The stored value is not valid JSON for the bucket's type; <see cref="KrytenBucketException.Key"/> names it.</summary>
    Malformed,

    /// <summary>The value is larger than the bucket's <see cref="KrytenBucketOptions.MaxValueSize"/>.</summary>
    TooLarge,

    /// <summary>The server has no JetStream for this account, or the transport keeps no buckets.</summary>
    JetStreamUnavailable,

    /// <summary>JetStream did not answer in time.</summary>
    TimedOut,

    /// <summary>Any other failure of the server or the connection; the inner exception says which.</summary>
    Failed,
}

namespace Kryten.Sdk;

/// <summary>
/// How a service's own KV bucket is created (<see cref="KrytenClient.OpenBucketAsync{T}"/>). Used only when the bucket
/// does not exist yet: an existing bucket is bound as it is, so two instances of a service never fight over its
/// configuration.
/// </summary>
/// <example>
/// <code>
/// var options = new KrytenBucketOptions { History = 5, MaxAge = TimeSpan.FromDays(30), MaxValueSize = 4096 };
/// </code>
/// </example>
public sealed record KrytenBucketOptions
{
    /// <summary>How many values each key keeps (1 to 64); the default keeps only the latest.</summary>
    public int History { get; init; } = 1;

    /// <summary>
    /// How long a value lives after it was written; null (the default) keeps values until they are deleted. An expired
    /// value disappears without a deletion (a get answers missing; a watch sees nothing). The server checks ages
    /// periodically, so a value may outlive <see cref="MaxAge"/> by a moment. nats-server before 2.11 has no per-key TTL;
    /// this applies to every key of the bucket.
    /// </summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>The largest stored value in bytes (its JSON); null (the default) leaves it to the server's limit.</summary>
    public int? MaxValueSize { get; init; }

    /// <summary>Where the server keeps the bucket: on disk (the default) or in memory (lost when the server restarts).</summary>
    public KrytenBucketStorage Storage { get; init; } = KrytenBucketStorage.File;

    /// <summary>How many servers of a JetStream cluster keep a copy (1 to 5).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>A description shown by NATS tooling.</summary>
    public string? Description { get; init; }
}

/// <summary>Where the server keeps a bucket.</summary>
public enum KrytenBucketStorage
{
    /// <summary>On disk: survives a server restart.</summary>
    File,

    /// <summary>In memory: faster, lost when the server restarts.</summary>
    Memory,
}

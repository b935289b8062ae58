namespace Kryten.Sdk;

/// <summary>A key's value and the revision it was written at (the number a compare-and-set update names).</summary>
/// <typeparam name="T">The bucket's record type.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
/// <param name="Revision">The revision of this value; it grows with every write to the bucket.</param>
/// <example>
/// <code>
/// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
/// if (await lastSaid.GetAsync("alice", ct) is { } entry) Console.WriteLine($"{entry.Key} said {entry.Value.Msg} (revision {entry.Revision})");
/// </code>
/// </example>
public sealed record KrytenBucketEntry<T>(string Key, T Value, ulong Revision);

/// <summary>One change a watch of an owned bucket saw.</summary>
/// <typeparam name="T">The bucket's record type.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="Kind">What happened to it.</param>
/// <param name="Value">The value written; default unless <see cref="Kind"/> is <see cref="KrytenBucketChangeKind.Put"/>.</param>
/// <param name="Revision">The revision of the change.</param>
/// <param name="Error">Why the stored value could not be read, when <see cref="Kind"/> is <see cref="KrytenBucketChangeKind.Malformed"/>.</param>
/// <example>
/// <code>
/// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
/// await foreach (var change in lastSaid.WatchAsync(ct))
/// {
///     if (change.Kind == KrytenBucketChangeKind.Put) Console.WriteLine($"{change.Key}: {change.Value!.Msg}");
/// }
/// </code>
/// </example>
public sealed record KrytenBucketChange<T>(string Key, KrytenBucketChangeKind Kind, T? Value, ulong Revision, KrytenBucketException? Error = null);

/// <summary>What a change did to a key.</summary>
public enum KrytenBucketChangeKind
{
    /// <summary>A value was written.</summary>
    Put,

    /// <summary>The key was deleted (its history kept).</summary>
    Delete,

    /// <summary>The key and its history were purged.</summary>
    Purge,

    /// <summary>A value was written that is not valid JSON for the bucket's type; the watch goes on.</summary>
    Malformed,
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Storage;

namespace Kryten.Sdk;

/// <summary>
/// A KV bucket a service owns, holding one JSON record of type <typeparamref name="T"/> per key (written with the
/// source-generated metadata the bucket was opened with: no reflection). Open it with
/// <see cref="KrytenClient.OpenBucketAsync{T}"/>. Every operation that did not happen throws
/// <see cref="KrytenBucketException"/>; a missing key is not one of them (<see cref="GetAsync"/> answers null).
/// </summary>
/// <typeparam name="T">The record stored under each key.</typeparam>
/// <example>
/// <code>
/// // What each user said last; ChatMessage is a generated record, ChatMessage.JsonTypeInfo its JSON metadata.
/// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, new KrytenBucketOptions { MaxAge = TimeSpan.FromDays(30) }, ct);
/// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt; await lastSaid.PutAsync(msg.Username, msg, ct));
/// if (await lastSaid.GetAsync("alice", ct) is { } entry) Console.WriteLine($"alice said {entry.Value.Msg} (revision {entry.Revision})");
/// </code>
/// </example>
public sealed class KrytenOwnedBucket<T>
{
    private readonly IOwnedBucket _store;
    private readonly JsonTypeInfo<T> _typeInfo;

    internal KrytenOwnedBucket(IOwnedBucket store, JsonTypeInfo<T> typeInfo)
    {
        _store = store;
        _typeInfo = typeInfo;
    }

    /// <summary>The bucket's name.</summary>
    public string Name => _store.Name;

    /// <summary>The key's value and its revision; null when the key has none (never written, deleted, purged or expired).</summary>
    /// <param name="key">The key (letters, digits and <c>-/_=.</c>; not starting or ending with <c>.</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="KrytenBucketException">Reason <see cref="KrytenBucketReason.Malformed"/> when the stored value is not a <typeparamref name="T"/>; a JetStream reason when the bucket could not be read.</exception>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// var entry = await lastSaid.GetAsync("alice", ct);   // null: alice said nothing yet
    /// </code>
    /// </example>
    public async ValueTask<KrytenBucketEntry<T>?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return await _store.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } stored
            ? new KrytenBucketEntry<T>(key, Read(stored), stored.Revision)
            : null;
    }

    /// <summary>Writes the value whatever the key holds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write (it may have happened).</param>
    /// <returns>The revision written.</returns>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt; await lastSaid.PutAsync(msg.Username, msg, ct));
    /// </code>
    /// </example>
    public ValueTask<ulong> PutAsync(string key, T value, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return _store.PutAsync(key, Write(value), cancellationToken);
    }

    /// <summary>Writes the value only when the key has none (a deleted or purged key has none).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write (it may have happened).</param>
    /// <returns>The revision written.</returns>
    /// <exception cref="KrytenBucketException">Reason <see cref="KrytenBucketReason.AlreadyExists"/> when the key holds a value.</exception>
    /// <example>
    /// <code>
    /// var firstWords = await client.OpenBucketAsync("first-words", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
    /// {
    ///     try { await firstWords.CreateAsync(msg.Username, msg, ct); }
    ///     catch (KrytenBucketException e) when (e.Reason == KrytenBucketReason.AlreadyExists) { /* not their first words */ }
    /// });
    /// </code>
    /// </example>
    public ValueTask<ulong> CreateAsync(string key, T value, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return _store.CreateAsync(key, Write(value), cancellationToken);
    }

    /// <summary>Writes the value only when the key is still at <paramref name="revision"/> (compare-and-set).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="revision">The revision the caller read (<see cref="KrytenBucketEntry{T}.Revision"/>).</param>
    /// <param name="cancellationToken">Cancels the write (it may have happened).</param>
    /// <returns>The revision written.</returns>
    /// <exception cref="KrytenBucketException">Reason <see cref="KrytenBucketReason.WrongRevision"/> when the key was written since.</exception>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// if (await lastSaid.GetAsync("alice", ct) is { } entry)
    ///     await lastSaid.UpdateAsync("alice", entry.Value with { Msg = "[redacted]" }, entry.Revision, ct);   // unless alice spoke meanwhile
    /// </code>
    /// </example>
    public ValueTask<ulong> UpdateAsync(string key, T value, ulong revision, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return _store.UpdateAsync(key, Write(value), revision, cancellationToken);
    }

    /// <summary>
    /// Read-modify-write: reads the key, computes its new value with <paramref name="change"/> (given null when the key
    /// has none) and writes it only if nobody wrote the key meanwhile; otherwise reads again and retries, so concurrent
    /// writers (other instances of the service) lose no update. <paramref name="change"/> may run more than once.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="change">The new value from the current one; must have no side effects.</param>
    /// <param name="maxAttempts">How many times to try before giving up.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The value written and its revision.</returns>
    /// <exception cref="KrytenBucketException">
    /// Reason <see cref="KrytenBucketReason.WrongRevision"/> when every attempt met a concurrent write;
    /// <see cref="KrytenBucketReason.Malformed"/> when the stored value is not a <typeparamref name="T"/> (it is not overwritten).
    /// </exception>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;   // several instances: the newest message wins, whoever writes last
    ///     await lastSaid.UpdateAsync(msg.Username, old =&gt; old is null || old.TimeMs &lt; msg.TimeMs ? msg : old, cancellationToken: ct));
    /// </code>
    /// </example>
    public async ValueTask<KrytenBucketEntry<T>> UpdateAsync(string key, Func<T?, T> change, int maxAttempts = 10, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(key, cancellationToken).ConfigureAwait(false);
            var value = change(current is null ? default : current.Value);
            try
            {
                var revision = current is null
                    ? await _store.CreateAsync(key, Write(value), cancellationToken).ConfigureAwait(false)
                    : await _store.UpdateAsync(key, Write(value), current.Revision, cancellationToken).ConfigureAwait(false);
                return new KrytenBucketEntry<T>(key, value, revision);
            }
            catch (KrytenBucketException e) when (e.Reason is KrytenBucketReason.AlreadyExists or KrytenBucketReason.WrongRevision)
            {
                if (attempt == maxAttempts)
                {
                    throw new KrytenBucketException(Name, key, KrytenBucketReason.WrongRevision, $"updating {Name}/{key}: other writers changed the key during each of {maxAttempts} attempts", e);
                }
            }
            // A random pause of a few milliseconds, so that writers which collided do not collide again in lockstep.
            await Task.Delay(Random.Shared.Next(attempt * 2), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the key's value, keeping its history (a watch sees <see cref="KrytenBucketChangeKind.Delete"/>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the delete (it may have happened).</param>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// await lastSaid.DeleteAsync("alice", ct);
    /// </code>
    /// </example>
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return _store.DeleteAsync(key, cancellationToken);
    }

    /// <summary>Deletes the key's value and its history (a watch sees <see cref="KrytenBucketChangeKind.Purge"/>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the purge (it may have happened).</param>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// await lastSaid.PurgeAsync("alice", ct);   // e.g. alice asked to be forgotten
    /// </code>
    /// </example>
    public ValueTask PurgeAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        return _store.PurgeAsync(key, cancellationToken);
    }

    /// <summary>
    /// Every key holding a value that starts with <paramref name="prefix"/> (ordinal), in no particular order. The
    /// prefix is any string, not only whole <c>.</c>-separated tokens: the bucket's keys are listed and filtered here.
    /// </summary>
    /// <param name="prefix">The start of the keys wanted; empty for every key.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// await foreach (var name in lastSaid.KeysAsync("Kryten", ct)) Console.WriteLine(name);   // KrytenBot, Kryten-Dev, ...
    /// </code>
    /// </example>
    public async IAsyncEnumerable<string> KeysAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await foreach (var key in _store.KeysAsync(cancellationToken).ConfigureAwait(false))
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal)) yield return key;
        }
    }

    /// <summary>
    /// Each key's latest change (its value, or its deletion), then every change as it is written, until
    /// <paramref name="cancellationToken"/> is cancelled. Values that expire (<see cref="KrytenBucketOptions.MaxAge"/>)
    /// go without a change. A value that is not a <typeparamref name="T"/> arrives as a
    /// <see cref="KrytenBucketChangeKind.Malformed"/> change naming its key, and the watch goes on.
    /// </summary>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <example>
    /// <code>
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, cancellationToken: ct);
    /// await foreach (var change in lastSaid.WatchAsync(ct))
    /// {
    ///     if (change.Kind is KrytenBucketChangeKind.Delete or KrytenBucketChangeKind.Purge) Console.WriteLine($"{change.Key} forgotten");
    /// }
    /// </code>
    /// </example>
    public async IAsyncEnumerable<KrytenBucketChange<T>> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in _store.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Kind != KrytenBucketChangeKind.Put)
            {
                yield return new KrytenBucketChange<T>(entry.Key, entry.Kind, default, entry.Revision);
                continue;
            }
            KrytenBucketChange<T> change;
            try
            {
                change = new KrytenBucketChange<T>(entry.Key, KrytenBucketChangeKind.Put, Read(entry), entry.Revision);
            }
            catch (KrytenBucketException e)
            {
                change = new KrytenBucketChange<T>(entry.Key, KrytenBucketChangeKind.Malformed, default, entry.Revision, e);
            }
            yield return change;
        }
    }

    private T Read(OwnedEntry stored)
    {
        try
        {
            return JsonSerializer.Deserialize(stored.Value.Span, _typeInfo)
                ?? throw new JsonException("the stored value is JSON null");
        }
        catch (JsonException e)
        {
            throw new KrytenBucketException(Name, stored.Key, KrytenBucketReason.Malformed,
                $"{Name}/{stored.Key} at revision {stored.Revision} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    private byte[] Write(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo);
    }

    // NATS KV's key rule, checked here so that both stores refuse the same keys the same way.
    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key[0] == '.' || key[^1] == '.' || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_' or '=' or '.'))
        {
            throw new ArgumentException($"'{key}' is not a KV key: use letters, digits and -/_=. and do not start or end with '.'", nameof(key));
        }
    }
}

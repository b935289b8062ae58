using System.Collections.Concurrent;
using System.Text;
using Kryten.Sdk.State;

namespace Kryten.Sdk.Testing;

public sealed partial class InMemoryKrytenBus : IStateBuckets
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, MemoryBucket> _buckets = new(StringComparer.Ordinal);
    private readonly object _bucketGate = new();
    private readonly Dictionary<string, int> _waitingFor = new(StringComparer.Ordinal);   // views told a bucket does not exist
    private readonly Dictionary<string, TaskCompletionSource> _appeared = new(StringComparer.Ordinal);

    /// <summary>
    /// The CyTube user the simulated bridge is logged in as. When set, the bus answers the bridge's user-level query
    /// (<c>kryten.user_level.{domain}.{channel}</c>) with it, as the bridge does, so <see cref="KrytenChannelState.BotName"/>
    /// and <see cref="KrytenChannelState.Self"/> are known; null (the default) leaves the query unanswered.
    /// </summary>
    /// <example><code>bus.BotName = "KrytenBot";</code></example>
    public string? BotName { get; set; }

    /// <summary>
    /// The simulated bridge's KV state of <paramref name="channel"/>: seed the playlist, the media playing, the users
    /// and their ranks, the emotes, the MOTD, CSS and JS, as the bridge writes them, for the client's
    /// <see cref="KrytenClient.ChannelState"/>.
    /// </summary>
    /// <param name="channel">The bridge's channel, raw.</param>
    /// <example>
    /// <code>
    /// await bus.StateOf("test").SetUsersAsync([new ChannelUser { Name = "alice", Rank = 3 }, new ChannelUser { Name = "bob", Rank = 1 }]);
    /// </code>
    /// </example>
    public InMemoryChannelState StateOf(string channel) => new(this, channel);

    /// <summary>
    /// Writes <paramref name="value"/>, byte for byte, to <paramref name="key"/> of <paramref name="bucket"/> (created
    /// if needed, as the bridge creates its buckets), and returns once every state view of the client has applied it.
    /// </summary>
    /// <param name="bucket">The bucket, e.g. <c>KrytenBuckets.AdminState("test")</c>.</param>
    /// <param name="key">The key, e.g. <c>KrytenWire.KvCssKey</c>.</param>
    /// <param name="value">The stored bytes.</param>
    /// <example><code>await bus.PutStateAsync(KrytenBuckets.AdminState("test"), KrytenWire.KvCssKey, ""u8.ToArray());   // empty CSS, as the bridge stores it</code></example>
    public Task PutStateAsync(string bucket, string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var target = Bucket(bucket);
        target.Put(key, value.ToArray());
        return target.WhenSettledAsync(SettleTimeout);
    }

    /// <summary>Deletes <paramref name="key"/> of <paramref name="bucket"/> and returns once every state view has applied it.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key.</param>
    /// <example><code>await bus.DeleteStateAsync(KrytenBuckets.Playlist("test"), KrytenWire.KvPlaylistCurrentKey);</code></example>
    public Task DeleteStateAsync(string bucket, string key)
    {
        if (!_buckets.TryGetValue(bucket, out var target)) return Task.CompletedTask;
        target.Delete(key);
        return target.WhenSettledAsync(SettleTimeout);
    }

    ValueTask<IStateBucket?> IStateBuckets.OpenAsync(string bucket, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_bucketGate)
        {
            if (_buckets.TryGetValue(bucket, out var found)) return new ValueTask<IStateBucket?>(new OpenBucket(found));
            // The view waits for the bucket next; a write that creates it is settled only once the view watches it.
            _waitingFor[bucket] = _waitingFor.GetValueOrDefault(bucket) + 1;
            return new ValueTask<IStateBucket?>((IStateBucket?)null);
        }
    }

    async Task IStateBuckets.WaitForBucketAsync(string bucket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task appeared;
        lock (_bucketGate)
        {
            if (_buckets.ContainsKey(bucket)) return;
            if (!_appeared.TryGetValue(bucket, out var signal)) _appeared[bucket] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            appeared = signal.Task;
        }
        try
        {
            await appeared.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_bucketGate)
            {
                if (!_buckets.TryGetValue(bucket, out var created)) StopWaiting(bucket);
                else if (e is OperationCanceledException) created.Unexpect();
            }
            if (e is OperationCanceledException) throw;
        }
    }

    private void StopWaiting(string bucket)
    {
        if (_waitingFor.TryGetValue(bucket, out var waiting) && waiting > 1) _waitingFor[bucket] = waiting - 1;
        else _waitingFor.Remove(bucket);
    }

    private MemoryBucket Bucket(string name)
    {
        lock (_bucketGate)
        {
            if (_buckets.TryGetValue(name, out var existing)) return existing;
            var bucket = new MemoryBucket();
            if (_waitingFor.Remove(name, out var waiting)) bucket.ExpectWatchers(waiting);
            _buckets[name] = bucket;
            if (_appeared.Remove(name, out var appeared)) appeared.TrySetResult();
            return bucket;
        }
    }

    // The bridge's user-level reply (wire-contract §4.5): its rank is 1 for any registered login, whatever CyTube says.
    private byte[]? AnswerAsBridge(string subject) =>
        BotName is { } name && subject.StartsWith(KrytenWire.UserLevelSubjectPrefix + ".", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes($$"""{"success": true, "rank": 1, "username": {{System.Text.Json.JsonSerializer.Serialize(name, InternalJson.Default.String)}}}""")
            : null;

    private sealed class OpenBucket(MemoryBucket bucket) : IStateBucket
    {
        public IAsyncEnumerable<StateEntry> WatchAsync(CancellationToken cancellationToken) => bucket.WatchAsync(cancellationToken);
    }
}

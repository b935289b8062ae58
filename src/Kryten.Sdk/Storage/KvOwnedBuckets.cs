using System.Runtime.CompilerServices;
using Kryten.Sdk.State;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Kryten.Sdk.Storage;

/// <summary>
/// A service's own buckets through NATS.Net's KV store, on the client's one KV context (shared with the robot state):
/// bind with <c>GetStoreAsync</c>, create with <c>CreateStoreAsync</c> when the bucket does not exist. NATS.Net's
/// exceptions become <see cref="KrytenBucketException"/>s.
/// </summary>
internal sealed class KvOwnedBuckets(INatsKVContext kv) : IOwnedBuckets
{
    // JetStream's error codes (with KvStateBuckets.StreamNotFound): a stream of that name exists with another
    // configuration (another instance created the bucket between our bind and our create); a message is over the
    // stream's size limit.
    private const int StreamNameInUse = 10058;
    private const int MessageTooLarge = 10054;

    public async ValueTask<IOwnedBucket> OpenOwnedAsync(string bucket, KrytenBucketOptions options, CancellationToken cancellationToken)
    {
        try
        {
            INatsKVStore store;
            try
            {
                store = await kv.GetStoreAsync(bucket, cancellationToken).ConfigureAwait(false);
            }
            catch (NatsJSApiException e) when (e.Error.ErrCode == KvStateBuckets.StreamNotFound)
            {
                try
                {
                    store = await kv.CreateStoreAsync(Config(bucket, options), cancellationToken).ConfigureAwait(false);
                }
                catch (NatsJSApiException race) when (race.Error.ErrCode == StreamNameInUse)
                {
                    store = await kv.GetStoreAsync(bucket, cancellationToken).ConfigureAwait(false);
                }
            }
            return new Bucket(store);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Explain(e, bucket, null, "opening") is { } failure)
        {
            throw failure;
        }
    }

    private static NatsKVConfig Config(string bucket, KrytenBucketOptions options) => new(bucket)
    {
        Description = options.Description,
        History = options.History,
        MaxAge = options.MaxAge ?? TimeSpan.Zero,          // zero: no limit
        MaxValueSize = options.MaxValueSize ?? -1,         // -1: the server's limit
        Storage = options.Storage == KrytenBucketStorage.Memory ? NatsKVStorageType.Memory : NatsKVStorageType.File,
        NumberOfReplicas = options.Replicas,
    };

    /// <summary>A NATS failure as a typed bucket failure; null for exceptions that are not NATS's.</summary>
    private static KrytenBucketException? Explain(Exception e, string bucket, string? key, string doing)
    {
        var what = key is null ? $"{doing} bucket {bucket}" : $"{doing} {bucket}/{key}";
        return e switch
        {
            NatsJSApiException { Error.ErrCode: MessageTooLarge } =>
                new KrytenBucketException(bucket, key, KrytenBucketReason.TooLarge, $"{what}: the value is larger than the bucket's maximum value size", e),
            // NATS.Net ends a request that got no answer within the connection's request timeout by cancelling it.
            OperationCanceledException =>
                new KrytenBucketException(bucket, key, KrytenBucketReason.TimedOut, $"{what}: JetStream did not answer in time (is the server reachable?)", e),
            // The robot state's reading of NATS failures, so both tell "no JetStream" and "timed out" the same way.
            _ => KvStateBuckets.Classify(e) switch
            {
                KrytenStateReason.JetStreamUnavailable => new KrytenBucketException(bucket, key, KrytenBucketReason.JetStreamUnavailable, $"{what}: the NATS server has no JetStream for this account ({e.Message})", e),
                KrytenStateReason.TimedOut => new KrytenBucketException(bucket, key, KrytenBucketReason.TimedOut, $"{what}: JetStream did not answer in time (is the server reachable?)", e),
                null => null,
                _ => new KrytenBucketException(bucket, key, KrytenBucketReason.Failed, $"{what} failed: {e.Message}", e),
            },
        };
    }

    private sealed class Bucket(INatsKVStore store) : IOwnedBucket
    {
        private static readonly NatsRawSerializer<byte[]> Bytes = NatsRawSerializer<byte[]>.Default;

        public string Name => store.Bucket;

        public async ValueTask<OwnedEntry?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var result = await Do(key, "reading", () => store.TryGetEntryAsync(key, serializer: Bytes, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result.Success) return new OwnedEntry(key, result.Value.Value ?? [], result.Value.Revision, KrytenBucketChangeKind.Put);
            if (result.Error is NatsKVKeyNotFoundException or NatsKVKeyDeletedException) return null;
            throw Failure(result.Error, key, "reading");
        }

        public async ValueTask<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
            await Do(key, "writing", () => store.PutAsync(key, value, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, cancellationToken), cancellationToken).ConfigureAwait(false);

        public async ValueTask<ulong> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
        {
            var result = await Do(key, "creating", () => store.TryCreateAsync(key, value, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result.Success) return result.Value;
            throw result.Error is NatsKVCreateException or NatsKVWrongLastRevisionException   // the latter: a create raced past the check
                ? new KrytenBucketException(Name, key, KrytenBucketReason.AlreadyExists, $"creating {Name}/{key}: the key already holds a value", result.Error)
                : Failure(result.Error, key, "creating");
        }

        public async ValueTask<ulong> UpdateAsync(string key, ReadOnlyMemory<byte> value, ulong revision, CancellationToken cancellationToken)
        {
            var result = await Do(key, "updating", () => store.TryUpdateAsync(key, value, revision, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result.Success) return result.Value;
            throw result.Error is NatsKVWrongLastRevisionException
                ? new KrytenBucketException(Name, key, KrytenBucketReason.WrongRevision, $"updating {Name}/{key}: the key is no longer at revision {revision}", result.Error)
                : Failure(result.Error, key, "updating");
        }

        public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) =>
            await Do(key, "deleting", async () => { await store.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);

        public async ValueTask PurgeAsync(string key, CancellationToken cancellationToken) =>
            await Do(key, "purging", async () => { await store.PurgeAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);

        public async IAsyncEnumerable<string> KeysAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // One filter for the whole bucket: nats-server before 2.10 takes only one filter subject per consumer.
            await using var keys = store.GetKeysAsync([">"], cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await Do(null, "listing keys of", () => keys.MoveNextAsync(), cancellationToken).ConfigureAwait(false))
            {
                yield return keys.Current;
            }
        }

        public async IAsyncEnumerable<OwnedEntry> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var entries = store.WatchAsync(">", Bytes, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await Do(null, "watching", () => entries.MoveNextAsync(), cancellationToken).ConfigureAwait(false))
            {
                var entry = entries.Current;
                yield return entry.Operation switch
                {
                    NatsKVOperation.Del => new OwnedEntry(entry.Key, default, entry.Revision, KrytenBucketChangeKind.Delete),
                    NatsKVOperation.Purge => new OwnedEntry(entry.Key, default, entry.Revision, KrytenBucketChangeKind.Purge),
                    _ => new OwnedEntry(entry.Key, entry.Value ?? [], entry.Revision, KrytenBucketChangeKind.Put),
                };
            }
        }

        /// <summary>Runs one NATS.Net call, its failures typed.</summary>
        private async ValueTask<TResult> Do<TResult>(string? key, string doing, Func<ValueTask<TResult>> call, CancellationToken cancellationToken)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && Explain(e, Name, key, doing) is { } failure)
            {
                throw failure;
            }
        }

        private KrytenBucketException Failure(Exception error, string key, string doing) =>
            Explain(error, Name, key, doing) ?? new KrytenBucketException(Name, key, KrytenBucketReason.Failed, $"{doing} {Name}/{key} failed: {error.Message}", error);
    }
}

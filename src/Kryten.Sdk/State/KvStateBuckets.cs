using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Kryten.Sdk.State;

/// <summary>
/// The bridge's buckets read through NATS.Net's KV store (NATS.Client.KeyValueStore): bind with
/// <c>GetStoreAsync</c> (never create: the bridge owns them), watch every key with <c>WatchAsync</c>. A bucket that
/// appears later is noticed from JetStream's stream-created advisory.
/// </summary>
internal sealed class KvStateBuckets(INatsConnection connection, INatsKVContext kv, TimeSpan readTimeout) : IStateBuckets
{
    // JetStream's error code for "stream not found": the bucket (stream KV_<bucket>) does not exist.
    internal const int StreamNotFound = 10059;

    // JetStream announces every stream it creates on this subject (in the account that owns the stream).
    private const string StreamCreatedAdvisory = "$JS.EVENT.ADVISORY.STREAM.CREATED.KV_";

    public async ValueTask<IStateBucket?> OpenAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            return new Bucket(await kv.GetStoreAsync(bucket, cancellationToken).ConfigureAwait(false), connection, readTimeout);
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == StreamNotFound)
        {
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Explain(e, bucket, readTimeout) is { } failure)
        {
            throw failure;
        }
    }

    public async Task WaitForBucketAsync(string bucket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await using var created = await connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>(StreamCreatedAdvisory + bucket, cancellationToken: wait.Token).ConfigureAwait(false);
            await created.Msgs.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing announced within the timeout (or advisories are not visible to this user): try again anyway.
        }
        catch (NatsException)
        {
            // Without the advisory (no permission, connection down) the caller still retries after the timeout.
            await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A NATS failure as a typed state failure; null for exceptions that are not about reading.</summary>
    internal static StateReadException? Explain(Exception e, string bucket, TimeSpan timeout) => Classify(e) switch
    {
        KrytenStateReason.JetStreamUnavailable =>
            new StateReadException(KrytenStateReason.JetStreamUnavailable, $"reading {bucket}: the NATS server has no JetStream for this account ({e.Message})", e),
        KrytenStateReason.TimedOut =>
            new StateReadException(KrytenStateReason.TimedOut, $"reading {bucket}: JetStream did not answer within {timeout.TotalSeconds:0.###} s", e),
        KrytenStateReason.ReadFailed =>
            new StateReadException(KrytenStateReason.ReadFailed, $"reading {bucket} failed: {e.Message}", e),
        _ => null,
    };

    /// <summary>Which failure a NATS exception is (shared with the owned buckets); null for exceptions that are not NATS's.</summary>
    internal static KrytenStateReason? Classify(Exception e) => e switch
    {
        NatsNoRespondersException or NatsJSApiException { Error.Code: 503 } => KrytenStateReason.JetStreamUnavailable,
        NatsJSApiNoResponseException or NatsNoReplyException or TimeoutException => KrytenStateReason.TimedOut,
        NatsException or OperationCanceledException => KrytenStateReason.ReadFailed,
        _ => null,
    };

    private sealed class Bucket(INatsKVStore store, INatsConnection connection, TimeSpan readTimeout) : IStateBucket
    {
        public async IAsyncEnumerable<StateEntry> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // NATS.Net reports an empty bucket through a callback before its enumerator yields anything, so the watch
            // runs in a pump that puts that mark in line with the entries.
            var entries = Channel.CreateUnbounded<StateEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ValueTask OnReconnected(object? sender, NatsEventArgs args)
            {
                // While the connection was down the bucket may have been lost (a server without persistence) or
                // recreated, which NATS.Net's watcher does not notice: end the watch so that the caller opens it anew.
                entries.Writer.TryComplete();
                return default;
            }

            connection.ConnectionOpened += OnReconnected;
            var pump = PumpAsync(entries.Writer, watching.Token);
            try
            {
                await foreach (var entry in entries.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return entry;
                }
            }
            finally
            {
                connection.ConnectionOpened -= OnReconnected;
                await watching.CancelAsync().ConfigureAwait(false);
                await pump.ConfigureAwait(false);
            }
        }

        private async Task PumpAsync(ChannelWriter<StateEntry> entries, CancellationToken cancellationToken)
        {
            Exception? failure = null;
            try
            {
                var caughtUp = false;
                var opts = new NatsKVWatchOpts
                {
                    OnNoData = _ =>
                    {
                        caughtUp = true;
                        entries.TryWrite(StateEntry.CaughtUp);
                        return new ValueTask<bool>(false);   // keep watching for the bridge's first write
                    },
                };
                // One filter for the whole bucket: nats-server before 2.10 takes only one filter subject per consumer.
                await foreach (var entry in store.WatchAsync(">", NatsRawSerializer<ReadOnlyMemory<byte>>.Default, opts, cancellationToken).ConfigureAwait(false))
                {
                    var deleted = entry.Operation is NatsKVOperation.Del or NatsKVOperation.Purge;
                    entries.TryWrite(new StateEntry(entry.Key, deleted ? default : entry.Value, deleted));
                    if (!caughtUp && entry.Delta == 0)
                    {
                        caughtUp = true;
                        entries.TryWrite(StateEntry.CaughtUp);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The reader is gone.
            }
            catch (Exception e)
            {
                failure = Explain(e, store.Bucket, readTimeout) ?? e;
            }
            entries.TryComplete(failure);
        }
    }
}

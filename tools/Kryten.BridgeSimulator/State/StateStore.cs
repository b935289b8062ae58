using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace Kryten.BridgeSimulator.State;

/// <summary>
/// The channel's four KV buckets, bound at startup or created with the settings the bridge creates them with, and the
/// puts its state manager makes. Like the bridge, a put that fails is logged and dropped.
/// </summary>
internal sealed class StateStore
{
    private readonly Dictionary<StateBucket, INatsKVStore> _buckets;
    private readonly Action<string> _log;

    private StateStore(Dictionary<StateBucket, INatsKVStore> buckets, Action<string> log) => (_buckets, _log) = (buckets, log);

    /// <summary>
    /// Binds each bucket, creating the missing ones (nats-py's <c>js.key_value</c>, then <c>js.create_key_value</c>).
    /// Null when the channel cannot have buckets or JetStream does not answer: the bridge then runs without state.
    /// </summary>
    public static async Task<StateStore?> OpenAsync(INatsConnection nats, string channel, Action<string> log, CancellationToken cancellationToken)
    {
        // nats-py refuses such a name before asking the server, and the bridge, which does not expect that error,
        // exits with code 1 (wire-contract §6.1). The simulator keeps running for the tests and demos that use such
        // a channel, and says what the real bridge would do.
        if (!StateBuckets.IsValidName(StateBuckets.Name(channel, StateBucket.State)))
        {
            log($"'{channel}' makes invalid KV bucket names: the real bridge exits with code 1 here; continuing without state");
            return null;
        }
        var js = new NatsJSContext(nats);
        var kv = new NatsKVContext(js);
        var buckets = new Dictionary<StateBucket, INatsKVStore>();
        try
        {
            foreach (var bucket in StateBuckets.All) buckets[bucket] = await BindOrCreateAsync(js, kv, channel, bucket, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            log($"JetStream not available ({e.Message}): continuing without state, as the bridge does");
            return null;
        }
        return new StateStore(buckets, log);
    }

    public async Task PutAsync(string channel, StateWrite write, CancellationToken cancellationToken)
    {
        try
        {
            await _buckets[write.Bucket].PutAsync(write.Key, write.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
            _log($"kv {StateBuckets.Name(channel, write.Bucket)} {write.Key} ({write.Value.Length} bytes)");
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            _log($"kv {StateBuckets.Name(channel, write.Bucket)} {write.Key} not written: {e.Message}");
        }
    }

    private static async Task<INatsKVStore> BindOrCreateAsync(NatsJSContext js, NatsKVContext kv, string channel, StateBucket bucket,
        Action<string> log, CancellationToken cancellationToken)
    {
        var name = StateBuckets.Name(channel, bucket);
        try
        {
            return await kv.GetStoreAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            // The bridge creates on any bind failure, and only the creation's failure counts.
        }
        await js.CreateStreamAsync(StreamFor(channel, bucket), cancellationToken).ConfigureAwait(false);
        log($"created KV bucket {name}");
        return await kv.GetStoreAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The stream nats-py's <c>create_key_value(KeyValueConfig(bucket, description, max_value_size))</c> asks for:
    /// history 1, no TTL, no size limit, one replica, server-default storage, and no direct get (NATS.Net's own
    /// <c>CreateStoreAsync</c> would turn it on). nats-py 2.13 and later also set <c>allow_msg_ttl</c>, which only
    /// nats-server 2.11 and later know; the bridge allows any 2.x, so the simulator asks as the older ones do.
    /// </summary>
    internal static StreamConfig StreamFor(string channel, StateBucket bucket)
    {
        var name = StateBuckets.Name(channel, bucket);
        return new StreamConfig("KV_" + name, ["$KV." + name + ".>"])
        {
            Description = StateBuckets.Description(channel, bucket),
            AllowRollupHdrs = true,
            DenyDelete = true,
            Discard = StreamConfigDiscard.New,
            DuplicateWindow = TimeSpan.FromMinutes(2),
            MaxBytes = -1,
            MaxConsumers = -1,
            MaxMsgSize = StateBuckets.MaxValueSize(bucket),
            MaxMsgs = -1,
            MaxMsgsPerSubject = 1,
            NumReplicas = 1,
        };
    }
}

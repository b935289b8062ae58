using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Storage;
using Kryten.Sdk.Transport;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    private NatsKVContext? _kvContext;

    /// <summary>
    /// Opens a KV bucket this service owns, typed by <typeparamref name="T"/>: binds to it when it exists (as it is),
    /// otherwise creates it with <paramref name="options"/>. Several instances of a service may open the same bucket at
    /// once. The bridge's buckets (<see cref="KrytenBuckets"/>: <c>kryten_{channel}_playlist</c>, <c>_userlist</c>,
    /// <c>_emotes</c>, <c>_state</c>) are refused: they are read through <see cref="ChannelState"/>. JetStream API
    /// requests (opening, writing) wait up to <see cref="KrytenStateOptions.ReadTimeout"/>, reads of a key (direct gets) up
    /// to <see cref="KrytenOptions.CommandTimeout"/>. Works on any connected client, channel-less ones included.
    /// </summary>
    /// <typeparam name="T">The record stored under each key.</typeparam>
    /// <param name="bucket">The bucket's name: ASCII letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="typeInfo">The record's source-generated JSON metadata (e.g. <c>MyJson.Default.Seen</c> of a <c>JsonSerializerContext</c>).</param>
    /// <param name="options">How to create the bucket; the defaults of <see cref="KrytenBucketOptions"/> when null. Out of range values throw <see cref="ArgumentOutOfRangeException"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The bucket.</returns>
    /// <exception cref="KrytenBucketException">
    /// Reason <see cref="KrytenBucketReason.RobotOwned"/> for a bridge bucket; a JetStream reason when the bucket could
    /// not be bound or created (<see cref="KrytenBucketReason.JetStreamUnavailable"/> also when the transport keeps no buckets).
    /// </exception>
    /// <example>
    /// <code>
    /// // ChatMessage is a generated record; a service's own records come with source-generated metadata the same way.
    /// var lastSaid = await client.OpenBucketAsync("last-said", ChatMessage.JsonTypeInfo, new KrytenBucketOptions { MaxAge = TimeSpan.FromDays(90) }, ct);
    /// </code>
    /// </example>
    public async ValueTask<KrytenOwnedBucket<T>> OpenBucketAsync<T>(string bucket, JsonTypeInfo<T> typeInfo, KrytenBucketOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!KrytenBuckets.IsBucketName(bucket))
        {
            throw new ArgumentException($"'{bucket}' is not a bucket name: use ASCII letters, digits, - and _", nameof(bucket));
        }
        if (KrytenBuckets.IsRobotOwned(bucket))
        {
            throw new KrytenBucketException(bucket, null, KrytenBucketReason.RobotOwned,
                $"{bucket} is a bucket of the bridge's robot state; read it with ChannelState, and give the service's own bucket another name");
        }
        options ??= new KrytenBucketOptions();
        // Checked here, so that the in-memory bus refuses what JetStream would.
        ArgumentOutOfRangeException.ThrowIfLessThan(options.History, 1, "options.History");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.History, 64, "options.History");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replicas, 1, "options.Replicas");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Replicas, 5, "options.Replicas");
        if (options.MaxAge is { } maxAge) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero, "options.MaxAge");
        if (options.MaxValueSize is { } maxValueSize) ArgumentOutOfRangeException.ThrowIfLessThan(maxValueSize, 1, "options.MaxValueSize");
        IOwnedBuckets buckets = _transport switch
        {
            NatsKrytenTransport nats => new KvOwnedBuckets(KvContext(nats)),
            IOwnedBuckets own => own,
            _ => throw new KrytenBucketException(bucket, null, KrytenBucketReason.JetStreamUnavailable, $"{_transport.GetType().Name} keeps no KV buckets"),
        };
        var store = await buckets.OpenOwnedAsync(bucket, options, cancellationToken).ConfigureAwait(false);
        return new KrytenOwnedBucket<T>(store, typeInfo);
    }

    /// <summary>The client's one JetStream KV context, shared by the robot state and the owned buckets.</summary>
    private NatsKVContext KvContext(NatsKrytenTransport nats)
    {
        var created = new NatsKVContext(new NatsJSContext(nats.Connection, new NatsJSOpts(nats.Connection.Opts, requestTimeout: _options.State.ReadTimeout)));
        return Interlocked.CompareExchange(ref _kvContext, created, null) ?? created;
    }
}

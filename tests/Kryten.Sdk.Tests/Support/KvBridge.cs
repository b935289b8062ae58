using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Kryten.Sdk.Tests.Support;

/// <summary>
/// Plays the bridge's state manager (wire-contract §6.1) on a real nats-server: binds or creates the channel's
/// buckets with the bridge's descriptions and value sizes, and writes the exact bytes it writes.
/// </summary>
public sealed class KvBridge : IAsyncDisposable
{
    private readonly NatsConnection _nats;
    private readonly NatsKVContext _kv;

    private KvBridge(NatsConnection nats, string channel)
    {
        _nats = nats;
        Channel = channel;
        _kv = new NatsKVContext(new NatsJSContext(nats));
    }

    public string Channel { get; }

    public static async Task<KvBridge> ConnectAsync(string url, string channel)
    {
        var nats = new NatsConnection(NatsOpts.Default with { Url = url, ReconnectWaitMin = TimeSpan.FromMilliseconds(100), ReconnectWaitMax = TimeSpan.FromMilliseconds(100) });
        await nats.ConnectAsync();
        return new KvBridge(nats, channel);
    }

    public NatsConnection Connection => _nats;

    /// <summary>Binds or creates every bucket as the bridge does at startup.</summary>
    public async Task StartAsync()
    {
        await Bucket(KrytenWire.KvEmotesBucketSuffix);
        await Bucket(KrytenWire.KvPlaylistBucketSuffix);
        await Bucket(KrytenWire.KvUserlistBucketSuffix);
        await Bucket(KrytenWire.KvStateBucketSuffix);
    }

    public async Task PutAsync(string suffix, string key, byte[] value)
    {
        var store = await Bucket(suffix);
        await store.PutAsync(key, value, NatsRawSerializer<byte[]>.Default);
    }

    public Task PutJsonAsync(string suffix, string key, string pythonJson) => PutAsync(suffix, key, Encoding.UTF8.GetBytes(pythonJson));

    public async Task DeleteAsync(string suffix, string key) => await (await Bucket(suffix)).DeleteAsync(key);

    public async Task<INatsKVStore> Bucket(string suffix)
    {
        var name = KrytenWire.KvBucketPrefix + Channel + suffix;
        try
        {
            return await _kv.GetStoreAsync(name);
        }
        catch (NatsJSApiException)
        {
            var (description, size) = suffix switch
            {
                KrytenWire.KvEmotesBucketSuffix => ($"Kryten {Channel} emotes", 1048576),
                KrytenWire.KvPlaylistBucketSuffix => ($"Kryten {Channel} playlist", 10485760),
                KrytenWire.KvUserlistBucketSuffix => ($"Kryten {Channel} users", 1048576),
                _ => ($"Kryten {Channel} admin state", 1048576),
            };
            return await _kv.CreateStoreAsync(new NatsKVConfig(name) { Description = description, MaxValueSize = size });
        }
    }

    public ValueTask DisposeAsync() => _nats.DisposeAsync();
}

using System.Diagnostics;
using NATS.Client.Core;

namespace Kryten.Benchmarks;

/// <summary>
/// NATS.Net (NATS.Client.Core, the client the SDK ships on) on loopback: publish-only throughput, pub→sub throughput
/// through the server, request/reply latency and process-wide bytes allocated per message. Payloads are raw bytes, the
/// way the SDK sends and receives them. The nats.js script (benchmarks/js) measures the same things the same way.
/// </summary>
internal sealed class NatsNetBenchmark(string url, int publishCount, int pubSubCount, int requestCount)
{
    // Flush points match the JS script: a flush is a PING/PONG round trip, so both clients pay the same.
    private const int FlushEvery = 65536;

    private NatsOpts Opts(string name) => new()
    {
        Url = url,
        Name = name,
        // The subscriber must be able to hold a whole burst: the benchmark measures throughput, not slow-consumer drops.
        SubPendingChannelCapacity = pubSubCount + 1024,
    };

    public async Task<NatsClientResults> RunAsync()
    {
        await PublishAsync(16, publishCount / 10).ConfigureAwait(false); // warm-up: JIT tiers, pools
        var (publish16, bytesPerPublish16) = await PublishAsync(16, publishCount).ConfigureAwait(false);
        var (publish256, bytesPerPublish256) = await PublishAsync(256, publishCount).ConfigureAwait(false);
        await PubSubAsync(16, pubSubCount / 10).ConfigureAwait(false);
        var (pubSub16, bytesPerReceive16) = await PubSubAsync(16, pubSubCount).ConfigureAwait(false);
        var (pubSub256, bytesPerReceive256) = await PubSubAsync(256, pubSubCount).ConfigureAwait(false);
        var (p50, p99) = await RequestReplyAsync().ConfigureAwait(false);
        return new NatsClientResults("NATS.Net " + typeof(NatsConnection).Assembly.GetName().Version?.ToString(3), publish16, publish256,
            pubSub16, pubSub256, p50, p99, bytesPerPublish16, bytesPerPublish256, bytesPerReceive16, bytesPerReceive256);
    }

    private async Task<(double Rate, double BytesPerMessage)> PublishAsync(int size, int count)
    {
        await using var nats = new NatsConnection(Opts("bench-pub"));
        await nats.ConnectAsync().ConfigureAwait(false);
        var payload = new byte[size].AsMemory();
        var subject = $"bench.dotnet.pub.{size}";
        var allocations = AllocationMeter.Start();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await nats.PublishAsync(subject, payload).ConfigureAwait(false);
            if ((i & (FlushEvery - 1)) == FlushEvery - 1) await nats.PingAsync().ConfigureAwait(false);
        }
        await nats.PingAsync().ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (count / seconds, allocations.PerItem(count));
    }

    private async Task<(double Rate, double BytesPerMessage)> PubSubAsync(int size, int count)
    {
        await using var subscriber = new NatsConnection(Opts("bench-sub"));
        await using var publisher = new NatsConnection(Opts("bench-pub"));
        await subscriber.ConnectAsync().ConfigureAwait(false);
        await publisher.ConnectAsync().ConfigureAwait(false);
        long dropped = 0;
        subscriber.MessageDropped += (_, _) =>
        {
            Interlocked.Increment(ref dropped);
            return default;
        };
        var subject = $"bench.dotnet.pubsub.{size}";
        await using var subscription = await subscriber.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject).ConfigureAwait(false);
        await subscriber.PingAsync().ConfigureAwait(false);   // the server has the SUB before the first publish

        var payload = new byte[size].AsMemory();
        var allocations = AllocationMeter.Start();
        var started = Stopwatch.GetTimestamp();
        var receiving = ReceiveAsync(subscription, count);
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(subject, payload).ConfigureAwait(false);
            if ((i & (FlushEvery - 1)) == FlushEvery - 1) await publisher.PingAsync().ConfigureAwait(false);
        }
        await publisher.PingAsync().ConfigureAwait(false);
        var received = await receiving.ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (received < count) Console.Error.WriteLine($"pub/sub {size} B: received {received} of {count} (dropped {Interlocked.Read(ref dropped)})");
        return (received / seconds, allocations.PerItem(received));
    }

    private static async Task<long> ReceiveAsync(INatsSub<NatsMemoryOwner<byte>> subscription, int count)
    {
        var reader = subscription.Msgs;
        long received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (received < count && await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
            {
                while (received < count && reader.TryRead(out var msg))
                {
                    msg.Data.Dispose();
                    received++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Timed out: the count received so far is the result, and the caller reports the shortfall.
        }
        return received;
    }

    private async Task<(double P50, double P99)> RequestReplyAsync()
    {
        await using var responder = new NatsConnection(Opts("bench-responder"));
        await using var requester = new NatsConnection(Opts("bench-requester"));
        await responder.ConnectAsync().ConfigureAwait(false);
        await requester.ConnectAsync().ConfigureAwait(false);
        const string subject = "bench.dotnet.rr";
        await using var requests = await responder.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject).ConfigureAwait(false);
        await responder.PingAsync().ConfigureAwait(false);
        var answering = Task.Run(async () =>
        {
            var reader = requests.Msgs;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var msg))
                {
                    using var data = msg.Data;
                    await msg.ReplyAsync(data.Memory).ConfigureAwait(false);
                }
            }
        });

        var payload = new byte[16].AsMemory();
        for (var i = 0; i < 500; i++) await RequestAsync().ConfigureAwait(false);
        var samples = new LatencySamples(requestCount);
        for (var i = 0; i < requestCount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await RequestAsync().ConfigureAwait(false);
            samples.Add(started, Stopwatch.GetTimestamp());
        }
        await requests.UnsubscribeAsync().ConfigureAwait(false);
        await answering.ConfigureAwait(false);
        return (samples.Percentile(0.5), samples.Percentile(0.99));

        async Task RequestAsync()
        {
            var reply = await requester.RequestAsync<ReadOnlyMemory<byte>, NatsMemoryOwner<byte>>(subject, payload).ConfigureAwait(false);
            reply.Data.Dispose();
        }
    }
}

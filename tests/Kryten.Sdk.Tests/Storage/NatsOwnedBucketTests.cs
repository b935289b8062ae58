using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Storage;

/// <summary>
/// <see cref="OwnedBucketBehaviour"/> on JetStream KV of a real nats-server, each client on its own connection, and
/// what only a real server can do: be without JetStream, or stop.
/// </summary>
public sealed class NatsOwnedBucketTests(NatsServerFixture nats) : OwnedBucketBehaviour, IClassFixture<NatsServerFixture>
{
    private static KrytenOptions Options(string url)
    {
        var options = TestClients.Options();   // channel-less: a service that only keeps state
        options.Nats.Servers = [url];
        options.State.ReadTimeout = TimeSpan.FromSeconds(1);   // JetStream API requests
        options.CommandTimeout = TimeSpan.FromSeconds(1);      // reads of a key (direct gets) and other requests
        return options;
    }

    protected override async Task<KrytenClient> ConnectAsync()
    {
        var client = new KrytenClient(Options(nats.Url));
        await client.ConnectAsync(Ct);
        return client;
    }

    [Fact]
    public async Task A_server_without_JetStream_is_a_typed_error_not_a_missing_bucket()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: false, cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);

        var failure = await Should.ThrowAsync<KrytenBucketException>(async () => await client.OpenBucketAsync("seen", CounterJson.Default.Counter, cancellationToken: Ct));

        failure.Reason.ShouldBe(KrytenBucketReason.JetStreamUnavailable);
        failure.Bucket.ShouldBe("seen");
    }

    [Fact]
    public async Task A_read_while_the_server_is_down_is_a_typed_error_not_a_missing_key()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);
        var bucket = await client.OpenBucketAsync("seen", CounterJson.Default.Counter, cancellationToken: Ct);
        (await bucket.GetAsync("alice", Ct)).ShouldBeNull();

        await server.StopAsync();
        var failure = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.GetAsync("alice", Ct));

        failure.Reason.ShouldBe(KrytenBucketReason.TimedOut, failure.ToString());
        failure.Key.ShouldBe("alice");
    }
}

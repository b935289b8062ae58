using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.NKeys;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>
/// JetStream through NATS.Net on an operator-mode server built from <see cref="NatsAuthSetups.Operator"/>: streams,
/// durable consumers and KV buckets work for the setup's account, which needs JetStream limits in its JWT.
/// </summary>
public sealed class OperatorJetStreamTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-opjs-" + Guid.NewGuid().ToString("N"));
    private NatsServerProcess? _server;
    private NatsConnection? _connection;

    private NatsConnection Connection => _connection ?? throw new InvalidOperationException("not initialized");

    public async ValueTask InitializeAsync()
    {
        var setup = NatsAuthSetups.Operator(_dir);
        _server = await NatsServerProcess.StartAsync(extraConfig: setup.ServerConfig, jetStream: true, cancellationToken: Ct);
        _connection = new NatsConnection(Opts(_server.Url) with { AuthOpts = AuthOpts(setup.Credentials) });
        await _connection.ConnectBoundedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_account_has_JetStream()
    {
        var js = new NatsJSContext(Connection);

        var info = await js.GetAccountInfoAsync(Ct);

        info.Limits.MaxStorage.ShouldBe(-1);
        info.Limits.MaxMemory.ShouldBe(-1);
    }

    [Fact]
    public async Task A_stream_keeps_what_is_published_and_a_durable_consumer_resumes_after_its_acks()
    {
        var js = new NatsJSContext(Connection);
        await js.CreateStreamAsync(new StreamConfig("EVENTS", ["events.>"]) { Storage = StreamConfigStorage.File }, Ct);
        for (var i = 1; i <= 4; i++)
        {
            var ack = await js.PublishAsync($"events.{i}", $"event {i}", cancellationToken: Ct);
            ack.EnsureSuccess();
            ack.Seq.ShouldBe((ulong)i);
        }

        var config = new ConsumerConfig("bot") { AckPolicy = ConsumerConfigAckPolicy.Explicit };
        var first = await js.CreateOrUpdateConsumerAsync("EVENTS", config, Ct);
        (await FetchAndAckAsync(first, 2)).ShouldBe(["event 1", "event 2"]);

        // A new handle on the same durable name starts after the last acknowledged message.
        var again = await js.GetConsumerAsync("EVENTS", "bot", Ct);
        again.Info.Config.DurableName.ShouldBe("bot");
        (await FetchAndAckAsync(again, 2)).ShouldBe(["event 3", "event 4"]);
    }

    [Fact]
    public async Task A_KV_bucket_puts_gets_and_watches()
    {
        var kv = new NatsKVContext(new NatsJSContext(Connection));
        var store = await kv.CreateStoreAsync(new NatsKVConfig("bot-state") { History = 5 }, Ct);
        await store.PutAsync("volume", "3", cancellationToken: Ct);

        (await store.GetEntryAsync<string>("volume", cancellationToken: Ct)).Value.ShouldBe("3");

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        watching.CancelAfter(Patience);
        var seen = new List<string?>();
        await foreach (var entry in store.WatchAsync<string>("volume", cancellationToken: watching.Token))
        {
            seen.Add(entry.Value);
            if (seen.Count == 1) await store.PutAsync("volume", "7", cancellationToken: Ct);
            if (seen.Count == 2) break;
        }

        // The watch first delivers the current value, then each update.
        seen.ShouldBe(["3", "7"]);
    }

    [Fact]
    public async Task An_account_whose_JWT_has_no_JetStream_limits_is_refused_JetStream()
    {
        var operatorKey = NKeyIdentity.Create(PrefixByte.Operator);
        var system = NKeyIdentity.Create(PrefixByte.Account);
        var account = NKeyIdentity.Create(PrefixByte.Account);
        var user = NKeyIdentity.Create(PrefixByte.User);
        await using var server = await NatsServerProcess.StartAsync(extraConfig: $$"""
            operator: {{NatsJwtIssuer.Operator(operatorKey, system)}}
            system_account: {{system.PublicKey}}
            resolver: MEMORY
            resolver_preload: {
              {{system.PublicKey}}: {{NatsJwtIssuer.Account(system, operatorKey, "SYS", jetStream: false)}}
              {{account.PublicKey}}: {{NatsJwtIssuer.Account(account, operatorKey, "NO-JS", jetStream: false)}}
            }
            """, jetStream: true, cancellationToken: Ct);
        await using var connection = new NatsConnection(Opts(server.Url) with
        {
            AuthOpts = NatsAuthOpts.Default with { Jwt = NatsJwtIssuer.User(user, account), Seed = user.Seed },
        });
        await connection.ConnectBoundedAsync();

        var ex = await Should.ThrowAsync<NatsJSApiException>(new NatsJSContext(connection).GetAccountInfoAsync(Ct).AsTask());

        ex.Error.Code.ShouldBe(503);
        ex.Error.ErrCode.ShouldBe(10039);
        ex.Error.Description.ShouldBe("JetStream not enabled for account");
    }

    private static async Task<List<string?>> FetchAndAckAsync(INatsJSConsumer consumer, int count)
    {
        var got = new List<string?>();
        var opts = new NatsJSFetchOpts { MaxMsgs = count, Expires = TimeSpan.FromSeconds(10) };
        await foreach (var msg in consumer.FetchAsync<string>(opts, cancellationToken: Ct))
        {
            got.Add(msg.Data);
            await msg.AckAsync(cancellationToken: Ct);
        }

        return got;
    }
}

using System.Collections.Concurrent;
using System.Text;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>
/// At-least-once delivery against a real nats-server with JetStream: the bridge publishes on core NATS (played here by
/// a plain NATS.Net connection), a stream captures the events, and the client consumes them with a durable consumer.
/// </summary>
public sealed class AtLeastOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KrytenOptions Options(string url, string durable = "bot")
    {
        var options = TestClients.Options("420Grindhouse");
        options.Nats.Servers = [url];
        options.Nats.ReconnectWait = TimeSpan.FromMilliseconds(100);
        options.HandlerTimeout = TimeSpan.FromSeconds(2);
        options.Delivery = new KrytenDeliveryOptions
        {
            Mode = KrytenDelivery.AtLeastOnce,
            Durable = durable,
            Stream = "EVENTS_" + durable,
            CreateStream = true,
            AckWait = TimeSpan.FromSeconds(3),
            MaxDeliveries = 3,
            Backoff = [TimeSpan.FromMilliseconds(100)],
        };
        return options;
    }

    private static async Task<NatsConnection> BridgeAsync(string url)
    {
        var bridge = new NatsConnection(NatsOpts.Default with { Url = url, ReconnectWaitMin = TimeSpan.FromMilliseconds(100), ReconnectWaitMax = TimeSpan.FromMilliseconds(100) });
        await bridge.ConnectAsync();
        return bridge;
    }

    private static byte[] UserCount(string id, int count) =>
        Encoding.UTF8.GetBytes($$"""{"event_name": "usercount", "payload": {{count}}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "{{id}}"}""");

    private static Task PublishAsync(NatsConnection bridge, string id, int count = 1) =>
        bridge.PublishAsync("kryten.events.cytube.420grindhouse.usercount", UserCount(id, count), cancellationToken: Ct).AsTask();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("timed out waiting until " + what);
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task Events_published_while_the_bot_is_down_are_handled_when_it_comes_back()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = await BridgeAsync(server.Url);
        var handled = new ConcurrentDictionary<string, int>();
        KrytenClient Start()
        {
            var client = new KrytenClient(Options(server.Url));
            client.On<UserCountChanged>((_, ctx, _) => { handled.AddOrUpdate(ctx.CorrelationId, 1, (_, n) => n + 1); return Task.CompletedTask; });
            return client;
        }

        await using (var first = Start())
        {
            await first.ConnectAsync(Ct);
            for (var i = 0; i < 50; i++) await PublishAsync(bridge, $"a-{i}");
            await WaitUntilAsync(() => handled.Count >= 10, TimeSpan.FromSeconds(20), "the first bot handled some events");
        }   // stopped mid-stream: some of the 50 may not have been handled yet

        for (var i = 0; i < 50; i++) await PublishAsync(bridge, $"b-{i}");   // nobody is listening now
        await using var second = Start();
        await second.ConnectAsync(Ct);
        await WaitUntilAsync(() => handled.Count == 100, TimeSpan.FromSeconds(30), "every event was handled");

        Enumerable.Range(0, 50).SelectMany(i => new[] { $"a-{i}", $"b-{i}" }).ShouldAllBe(id => handled.ContainsKey(id));
        second.Health().EventsDeadLettered.ShouldBe(0);
    }

    [Fact]
    public async Task Nothing_is_lost_when_nats_server_restarts_mid_stream()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        var handled = new ConcurrentDictionary<string, byte>();
        await using var client = new KrytenClient(Options(server.Url));
        client.On<UserCountChanged>((_, ctx, _) => { handled[ctx.CorrelationId] = 0; return Task.CompletedTask; });
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);

        for (var i = 0; i < 30; i++) await PublishAsync(bridge, $"before-{i}");
        await WaitUntilAsync(() => handled.Count == 30, TimeSpan.FromSeconds(20), "the events before the restart were handled");
        await server.StopAsync();
        await server.RestartAsync(Ct);
        await WaitUntilAsync(() => bridge.ConnectionState == NatsConnectionState.Open && client.IsConnected, TimeSpan.FromSeconds(20), "both reconnected");
        for (var i = 0; i < 30; i++) await PublishAsync(bridge, $"after-{i}");

        await WaitUntilAsync(() => handled.Count == 60, TimeSpan.FromSeconds(30), "the events after the restart were handled");
    }

    [Fact]
    public async Task A_handler_that_always_throws_dead_letters_its_event_after_the_maximum_deliveries_and_the_rest_flow()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));
        var attempts = new ConcurrentQueue<(string Id, int Attempt, bool Redelivery)>();
        var good = new ConcurrentDictionary<string, byte>();
        client.On<UserCountChanged>((e, ctx, _) =>
        {
            if (e.Count == 13)
            {
                attempts.Enqueue((ctx.CorrelationId, ctx.DeliveryAttempt, ctx.IsRedelivery));
                throw new InvalidOperationException("unlucky");
            }
            good[ctx.CorrelationId] = 0;
            return Task.CompletedTask;
        });
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);

        await PublishAsync(bridge, "poison", 13);
        for (var i = 0; i < 10; i++) await PublishAsync(bridge, $"good-{i}");

        await WaitUntilAsync(() => client.Health().EventsDeadLettered == 1 && good.Count == 10, TimeSpan.FromSeconds(20), "the poison event was dead-lettered");
        await Task.Delay(500, Ct);   // no fourth delivery after the terminate
        attempts.Select(a => a.Attempt).ShouldBe([1, 2, 3]);
        attempts.ShouldAllBe(a => a.Id == "poison");
        attempts.Select(a => a.Redelivery).ShouldBe([false, true, true]);
        client.Health().HandlerErrors.ShouldBe(3);
    }

    [Fact]
    public async Task A_duplicate_of_a_handled_event_within_the_window_is_not_dispatched_again()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));
        var calls = new ConcurrentQueue<string>();
        client.On<UserCountChanged>((_, ctx, _) => { calls.Enqueue(ctx.CorrelationId); return Task.CompletedTask; });
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);

        // The bridge retries a failed publish with the same envelope, so the stream can hold one event twice.
        await PublishAsync(bridge, "same");
        await PublishAsync(bridge, "same");
        await PublishAsync(bridge, "other");
        await WaitUntilAsync(() => calls.Contains("other"), TimeSpan.FromSeconds(20), "the last event was handled");
        await Task.Delay(300, Ct);

        calls.ShouldBe(["same", "other"]);
    }

    [Fact]
    public async Task A_missing_stream_without_permission_to_create_it_fails_connect_naming_it()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        var options = Options(server.Url);
        options.Delivery.CreateStream = false;
        await using var client = new KrytenClient(options);

        var e = await Should.ThrowAsync<KrytenConfigurationException>(async () => await client.ConnectAsync(Ct));
        e.Message.ShouldContain("delivery.stream");
        e.Message.ShouldContain("EVENTS_bot");
        e.Message.ShouldContain("kryten.events.cytube.420grindhouse.>");
    }

    [Fact]
    public async Task A_stream_that_misses_the_channel_is_extended_only_when_allowed()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var admin = await BridgeAsync(server.Url);
        var js = admin.CreateJetStreamContext();
        await js.CreateStreamAsync(new NATS.Client.JetStream.Models.StreamConfig("EVENTS_bot", ["kryten.events.cytube.other.>"]), Ct);

        var refused = Options(server.Url);
        refused.Delivery.CreateStream = false;
        await using (var client = new KrytenClient(refused))
        {
            var e = await Should.ThrowAsync<KrytenConfigurationException>(async () => await client.ConnectAsync(Ct));
            e.Message.ShouldContain("does not capture kryten.events.cytube.420grindhouse.>");
        }

        await using (var client = new KrytenClient(Options(server.Url)))
        {
            await client.ConnectAsync(Ct);
        }
        var stream = await js.GetStreamAsync("EVENTS_bot", cancellationToken: Ct);
        stream.Info.Config.Subjects!.ShouldBe(["kryten.events.cytube.other.>", "kryten.events.cytube.420grindhouse.>"]);
    }

    [Fact]
    public async Task A_server_without_JetStream_fails_connect_with_a_typed_error()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: false, cancellationToken: Ct);
        await using var client = new KrytenClient(Options(server.Url));

        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));
        e.Message.ShouldContain("JetStream");
    }

    [Fact]
    public void At_least_once_delivery_on_a_transport_without_JetStream_is_a_configuration_error()
    {
        var options = Options("nats://127.0.0.1:4222");
        var e = Should.Throw<KrytenConfigurationException>(() => new KrytenClient(options, new InMemoryKrytenBus()));
        e.Problems.ShouldHaveSingleItem().ShouldContain("delivery.mode");
    }
}

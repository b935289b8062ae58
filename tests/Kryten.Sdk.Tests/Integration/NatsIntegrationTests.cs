using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>The real client over a real nats-server, with a plain NATS connection playing the bridge.</summary>
public sealed class NatsIntegrationTests : IClassFixture<NatsServerFixture>
{
    private readonly NatsServerFixture _nats;

    public NatsIntegrationTests(NatsServerFixture nats) => _nats = nats;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KrytenOptions Options(string url, params string[] channels)
    {
        var options = TestClients.Options(channels);
        options.Nats.Servers = [url];
        options.Nats.ReconnectWait = TimeSpan.FromMilliseconds(100);
        return options;
    }

    private static async Task<NatsConnection> BridgeAsync(string url)
    {
        var bridge = new NatsConnection(NatsOpts.Default with { Url = url, ReconnectWaitMin = TimeSpan.FromMilliseconds(100), ReconnectWaitMax = TimeSpan.FromMilliseconds(100) });
        await bridge.ConnectAsync();
        return bridge;
    }

    [Fact]
    public async Task Bridge_events_reach_typed_and_raw_handlers()
    {
        await using var client = new KrytenClient(Options(_nats.Url, "420Grindhouse", "Lounge Test"));
        var chats = new ConcurrentQueue<(ChatMessage, EventContext)>();
        client.On<ChatMessage>((m, ctx, _) => { chats.Enqueue((m, ctx)); return Task.CompletedTask; }, channel: "lounge test");
        var raw = new ConcurrentDictionary<string, string>();
        client.OnRaw((e, _, _) => { raw[e.CorrelationId] = e.EventName; return Task.CompletedTask; });
        await client.ConnectAsync(Ct);
        client.IsConnected.ShouldBeTrue();
        await using var bridge = await BridgeAsync(_nats.Url);

        var vectors = ContractVectors.Vectors("events.json")
            .Where(v => v.GetProperty("expect").GetProperty("envelope").GetProperty("channel").GetString() is "420Grindhouse" or "Lounge Test")
            .ToList();
        foreach (var v in vectors)
        {
            await bridge.PublishAsync(v.GetProperty("subject").GetString()!, Convert.FromBase64String(v.GetProperty("bytes_base64").GetString()!), cancellationToken: Ct);
        }
        for (var i = 0; i < 1000 && raw.Count < vectors.Count; i++) await Task.Delay(10, Ct);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        raw.Count.ShouldBe(vectors.Count);
        var loungeChats = vectors.Count(v => v.GetProperty("cytube_event").GetString() == "chatMsg"
            && v.GetProperty("expect").GetProperty("envelope").GetProperty("channel").GetString() == "Lounge Test");
        chats.Count.ShouldBe(loungeChats);
        chats.ShouldAllBe(c => c.Item2.Channel == "Lounge Test" && c.Item2.Subject == "kryten.events.cytube.lounge-test.chatmsg");
        client.Health().EventsMalformed.ShouldBe(0);
    }

    [Fact]
    public async Task Commands_reach_a_bridge_responder_and_its_replies_are_honoured()
    {
        await using var client = new KrytenClient(Options(_nats.Url, "420Grindhouse"));
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(_nats.Url);
        var replies = ContractVectors.Vectors("commands.json")
            .Where(v => v.GetProperty("scenario").GetString() is "success" or "cytube-disconnected" or "validation-error")
            .Where(v => v.GetProperty("request").TryGetProperty("args", out _) && v.GetProperty("reply").ValueKind == JsonValueKind.Object)
            .GroupBy(v => v.GetProperty("command").GetString()!)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.GetProperty("expect").GetProperty("outcome").GetString() == "ok" ? 0 : 1).First());
        var failing = ContractVectors.Vectors("commands.json").First(v => v.GetProperty("expect").GetProperty("outcome").GetString() == "error"
            && v.GetProperty("command").GetString() != "say" && v.GetProperty("request").TryGetProperty("args", out _));
        replies[failing.GetProperty("command").GetString()!] = failing;
        var received = new ConcurrentQueue<JsonElement>();
        await using var responder = await bridge.SubscribeCoreAsync<byte[]>("kryten.robot.command", cancellationToken: Ct);
        await bridge.PingAsync(Ct);   // the server has the subscription before the client sends to it
        var serving = Task.Run(async () =>
        {
            await foreach (var msg in responder.Msgs.ReadAllAsync(Ct))
            {
                using var doc = JsonDocument.Parse(msg.Data);
                received.Enqueue(doc.RootElement.Clone());
                if (msg.ReplyTo is null) continue;
                var command = doc.RootElement.GetProperty("command").GetString()!;
                if (replies.TryGetValue(command, out var v))
                {
                    await bridge.PublishAsync(msg.ReplyTo, Convert.FromBase64String(v.GetProperty("reply_bytes_base64").GetString()!), cancellationToken: Ct);
                }
            }
        }, Ct);

        var say = replies["say"];
        var sayArgs = say.GetProperty("request").GetProperty("args");
        var id = await client.SendCommandAsync(new KrytenCommand("say", new JsonArgs(sayArgs)), Ct);
        var ack = await client.SendCommandAndWaitAsync(new KrytenCommand("say", new JsonArgs(sayArgs)), TestJson.Default.JsonElement, cancellationToken: Ct);
        ack.GetProperty("success").GetBoolean().ShouldBeTrue();

        var e = await Should.ThrowAsync<KrytenCommandException>(async () => await client.SendCommandAndWaitAsync(
            new KrytenCommand(failing.GetProperty("command").GetString()!, new JsonArgs(failing.GetProperty("request").GetProperty("args"))), TestJson.Default.JsonElement, cancellationToken: Ct));
        e.BridgeError.ShouldBe(failing.GetProperty("expect").GetProperty("error").GetString());

        await Should.ThrowAsync<KrytenTimeoutException>(async () => await client.SendCommandAndWaitAsync(
            new KrytenCommand("noSuchCommand", null), TestJson.Default.JsonElement, TimeSpan.FromMilliseconds(300), Ct));

        for (var i = 0; i < 500 && received.Count < 4; i++) await Task.Delay(10, Ct);
        var first = received.First();
        first.GetProperty("command").GetString().ShouldBe("say");
        first.GetProperty("meta").GetProperty("request_id").GetString().ShouldBe(id);
        JsonSemantics.Equal(first.GetProperty("args"), sayArgs).ShouldBeTrue();
        await responder.UnsubscribeAsync();
    }

    [Fact]
    public async Task Handlers_resume_after_a_server_restart_mid_stream()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        var options = Options(server.Url, "420Grindhouse");
        await using var client = new KrytenClient(options);
        var got = new ConcurrentDictionary<string, byte>();
        client.On<UserCountChanged>((e, ctx, _) => { got[ctx.CorrelationId] = 0; return Task.CompletedTask; });
        var states = new ConcurrentQueue<KrytenConnectionState>();
        client.StateChanged += (_, s) => states.Enqueue(s);
        await client.ConnectAsync(Ct);
        await using var bridge = await BridgeAsync(server.Url);

        async Task PublishAsync(string id) => await bridge.PublishAsync("kryten.events.cytube.420grindhouse.usercount",
            Encoding.UTF8.GetBytes($$"""{"event_name": "usercount", "payload": 5, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "{{id}}"}"""), cancellationToken: Ct);

        for (var attempt = 0; attempt < 100 && !got.ContainsKey("before"); attempt++)
        {
            await PublishAsync("before");   // until the client's subscription has reached the server
            await Task.Delay(50, Ct);
        }
        got.ShouldContainKey("before");

        await server.StopAsync();
        for (var i = 0; i < 500 && client.IsConnected; i++) await Task.Delay(10, Ct);
        client.State.ShouldBe(KrytenConnectionState.Reconnecting);
        await server.RestartAsync(Ct);
        for (var i = 0; i < 1000 && !(client.IsConnected && bridge.ConnectionState == NatsConnectionState.Open); i++) await Task.Delay(10, Ct);
        client.IsConnected.ShouldBeTrue();

        for (var attempt = 0; attempt < 100 && !got.ContainsKey("after"); attempt++)
        {
            await PublishAsync("after");   // until the client's resubscription has reached the server
            await Task.Delay(50, Ct);
        }
        got.ShouldContainKey("after");
        states.ShouldContain(KrytenConnectionState.Reconnecting);
        client.Health().Channels.Single().Subscribed.ShouldBeTrue();
    }

    [Fact]
    public async Task No_server_fails_connect_with_a_typed_exception_after_the_attempts()
    {
        var options = Options($"nats://127.0.0.1:{NatsServerProcess.FreePort()}", "420Grindhouse");
        options.Nats.ConnectAttempts = 2;
        options.Nats.ConnectTimeout = TimeSpan.FromMilliseconds(500);
        await using var client = new KrytenClient(options);
        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));
        e.Message.ShouldContain("after 2 attempt(s)");
        client.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task Raw_escape_hatches_work_over_nats()
    {
        await using var client = new KrytenClient(Options(_nats.Url));
        await client.ConnectAsync(Ct);
        await using var echo = await client.SubscribeAsync("it.echo", async (m, ct) => await client.PublishAsync(m.ReplyTo!, m.Data.ToArray(), ct), Ct);
        var reply = await client.RequestAsync("it.echo", "hello"u8.ToArray(), cancellationToken: Ct);
        Encoding.UTF8.GetString(reply).ShouldBe("hello");
        await Should.ThrowAsync<KrytenNoRespondersException>(async () => await client.RequestAsync("it.nobody", "x"u8.ToArray(), cancellationToken: Ct));
    }
}

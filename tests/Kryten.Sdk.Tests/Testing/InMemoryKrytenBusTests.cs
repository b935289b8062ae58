using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Testing;

/// <summary>The testing package's bus behaves like NATS.Net where a bot can tell, and says why a simulated event is wrong.</summary>
public sealed class InMemoryKrytenBusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payload_shaped_like_kryten_py_rather_than_cytube_is_explained()
    {
        var logs = new CapturingLoggerFactory();
        await using var mock = await MockKrytenClient.StartAsync(loggerFactory: logs);
        var seen = 0;
        mock.Client.On<Kryten.Sdk.Events.ChatMessage>(_ => { seen++; return Task.CompletedTask; });

        await mock.EmitAsync("chatMsg", """{"username": "alice", "message": "hi", "timestamp": "2026-08-14T18:25:43Z"}""");

        seen.ShouldBe(0);
        mock.Client.Health().EventsMalformed.ShouldBe(1);
        var explained = logs.Lines.Where(l => l.Contains("Simulated chatMsg payload is not what CyTube sends for ChatMessage", StringComparison.Ordinal)).ShouldHaveSingleItem();
        explained.ShouldContain("msg");
        logs.Lines.ShouldContain(l => l.Contains("Skipped chatMsg payload", StringComparison.Ordinal));   // and the client says so too
    }

    [Fact]
    public async Task A_well_shaped_payload_and_an_unknown_event_are_not_complained_about()
    {
        var logs = new CapturingLoggerFactory();
        var bus = new InMemoryKrytenBus(logs);
        await bus.PublishEventAsync("test", "chatMsg", """{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}""");
        await bus.PublishEventAsync("test", "somethingNew", """{"anything": 1}""");
        logs.Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task Commands_sent_while_disconnected_wait_for_the_reconnect_and_keep_their_order()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        bus.SimulateDisconnect();
        var sends = new[] { "pause", "play", "clear" }.Select(c => client.SendCommandAsync(new KrytenCommand(c, null), Ct).AsTask()).ToList();
        await Task.Delay(100, Ct);
        sends.ShouldAllBe(s => !s.IsCompleted);   // held, not failed

        bus.SimulateReconnect();
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        bus.Commands.Select(c => c.Command).ShouldBe(["pause", "play", "clear"]);
        client.Health().CommandsFailed.ShouldBe(0);
    }

    [Fact]
    public async Task A_disconnect_longer_than_the_reconnect_buffer_fails_the_way_the_real_client_does()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Retry.Attempts = 0;
        var bus = new InMemoryKrytenBus { ReconnectBufferTimeout = TimeSpan.FromMilliseconds(150) };
        await using var client = TestClients.Create(options, bus);
        await client.ConnectAsync(Ct);
        bus.SimulateDisconnect();

        var e = await Should.ThrowAsync<KrytenPublishException>(async () => await client.SendCommandAsync(new KrytenCommand("pause", null), Ct));
        e.InnerException.ShouldBeOfType<KrytenConnectionException>().Message.ShouldContain("nats.reconnectBufferTimeout");
        bus.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task Recorded_commands_carry_the_bridges_names_as_RecordedCommand_documents()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await mock.Client.SendPrivateMessageAsync("bob", "hi", cancellationToken: Ct);
        await mock.SettleAsync();
        var pm = mock.Commands.ShouldHaveSingleItem();
        pm.Command.ShouldBe("pm");
        pm.Args.GetProperty("username").GetString().ShouldBe("bob");
        pm.Args.GetProperty("message").GetString().ShouldBe("hi");
    }
}

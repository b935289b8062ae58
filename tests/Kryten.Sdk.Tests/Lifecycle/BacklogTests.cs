using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Lifecycle;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk.Tests.Lifecycle;

/// <summary>A handler method that ignores replayed chat, beside one that sees it.</summary>
public sealed partial class CommandBot
{
    public ConcurrentQueue<string> Answered { get; } = new();

    public ConcurrentQueue<(string Msg, bool Backlog)> Logged { get; } = new();

    [KrytenHandler(SkipBacklog = true)]
    public Task OnCommand(ChatMessage msg)
    {
        Answered.Enqueue(msg.Msg);
        return Task.CompletedTask;
    }

    [KrytenHandler]
    public Task OnAnyChat(ChatMessage msg, EventContext ctx)
    {
        Logged.Enqueue((msg.Msg, ctx.IsBacklog));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Chat backlog (wire-contract §9.1, §9.5): a chatMsg older than the client's connect, or than the start of the bridge
/// that relays it, is CyTube's replay; handlers see it flagged, and can skip it.
/// </summary>
public sealed class BacklogTests
{
    private static string Chat(string msg, DateTimeOffset time) =>
        $$"""{"username": "alice", "msg": "{{msg}}", "meta": {}, "time": {{time.ToUnixTimeMilliseconds()}}}""";

    [Fact]
    public async Task Chat_older_than_the_connect_is_backlog_and_only_chat_is()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var seen = new ConcurrentQueue<(string, bool)>();
        using var a = mock.Client.On<ChatMessage>((m, ctx) => { seen.Enqueue((m.Msg, ctx.IsBacklog)); return Task.CompletedTask; });
        using var b = mock.Client.On<PrivateMessage>((m, ctx) => { seen.Enqueue(("pm:" + m.Msg, ctx.IsBacklog)); return Task.CompletedTask; });
        var raw = new ConcurrentQueue<(string, bool)>();
        using var c = mock.Client.OnRaw((e, ctx) => { raw.Enqueue((e.EventName, ctx.IsBacklog)); return Task.CompletedTask; }, eventName: "chatMsg");

        await mock.EmitAsync("chatMsg", Chat("from before", DateTimeOffset.UtcNow.AddMinutes(-5)));
        await mock.EmitAsync("chatMsg", Chat("live", DateTimeOffset.UtcNow.AddSeconds(1)));
        await mock.EmitAsync("pm", """{"username": "bob", "msg": "old pm", "meta": {}, "time": 1, "to": "bot"}""");

        seen.ShouldBe([("from before", true), ("live", false), ("pm:old pm", false)]);
        raw.ShouldBe([("chatMsg", true), ("chatMsg", false)]);
    }

    [Fact]
    public async Task A_later_bridge_start_makes_everything_before_it_backlog()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var bot = new CommandBot();
        using var _ = mock.Client.AddHandlers(bot);
        var bridgeStart = DateTimeOffset.UtcNow.AddMinutes(10);   // the bridge's clock says it started 10 minutes from now
        await mock.EmitLifecycleAsync(new RobotStartup { Service = "robot", Timestamp = KrytenTimestamps.Format(bridgeStart.AddSeconds(2.5)), UptimeSeconds = 2.5 });

        await mock.EmitAsync("chatMsg", Chat("sent while the bridge was down", bridgeStart.AddSeconds(-1)));
        await mock.EmitAsync("chatMsg", Chat("!roll", bridgeStart.AddSeconds(1)));

        bot.Logged.ShouldBe([("sent while the bridge was down", true), ("!roll", false)]);
        bot.Answered.ShouldBe(["!roll"]);
    }

    [Fact]
    public async Task Lambdas_and_raw_handlers_skip_backlog_when_asked()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var typed = new ConcurrentQueue<string>();
        var raw = new ConcurrentQueue<string>();
        using var a = mock.Client.On<ChatMessage>(m => { typed.Enqueue(m.Msg); return Task.CompletedTask; }, skipBacklog: true);
        using var b = mock.Client.OnRaw(e => { raw.Enqueue(e.EventName); return Task.CompletedTask; }, skipBacklog: true);

        await mock.EmitAsync("chatMsg", Chat("old", DateTimeOffset.UtcNow.AddHours(-1)));
        await mock.EmitAsync("usercount", "3");
        await mock.EmitAsync("chatMsg", Chat("new", DateTimeOffset.UtcNow.AddSeconds(1)));

        typed.ShouldBe(["new"]);
        raw.ShouldBe(["usercount", "chatMsg"]);
    }

    [Fact]
    public async Task The_client_option_skips_backlog_for_every_handler()
    {
        await using var mock = await MockKrytenClient.StartAsync(o => o.SkipBacklog = true);
        var bot = new CommandBot();
        using var _ = mock.Client.AddHandlers(bot);
        await mock.EmitAsync("chatMsg", Chat("old", DateTimeOffset.UtcNow.AddHours(-1)));
        await mock.EmitAsync("chatMsg", Chat("new", DateTimeOffset.UtcNow.AddSeconds(1)));

        bot.Logged.ShouldBe([("new", false)]);
        mock.Client.Health().EventsReceived.ShouldBe(2);
    }

    [Fact]
    public void The_mark_only_moves_forward_and_a_chat_that_does_not_fit_is_not_backlog()
    {
        var backlog = new ChatBacklog();
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1_786_731_943_510);
        backlog.IsBacklog(ChatEnvelope(1)).ShouldBeFalse();   // nothing known yet
        backlog.BridgeStarted(t);
        backlog.ClientConnected(t.AddMinutes(-1));
        backlog.IsBacklog(ChatEnvelope(1_786_731_943_509)).ShouldBeTrue();
        backlog.IsBacklog(ChatEnvelope(1_786_731_943_510)).ShouldBeFalse();
        backlog.IsBacklog(Envelope("chatMsg", new PayloadRecord(null, new JsonException("no username")))).ShouldBeFalse();
        backlog.IsBacklog(Envelope("pm", new PayloadRecord(
            KrytenEventInfo.Of<PrivateMessage>().ReadPayload("""{"username": "a", "msg": "m", "meta": {}, "time": 1, "to": "b"}"""u8), null))).ShouldBeFalse();
    }

    [Fact]
    public void A_chat_route_reads_the_chat_record_even_for_raw_handlers_alone()
    {
        var table = new HandlerTable([new RawHandler(null), new RawHandler("pm")]);
        table.For("CHATMSG").ChatRecord.ShouldBe(0);
        table.For("CHATMSG").Records.ShouldBe([KrytenEventInfo.Of<ChatMessage>()]);
        table.For("pm").ChatRecord.ShouldBe(-1);
        table.For("pm").Records.ShouldBeEmpty();
    }

    private static KrytenEnvelope ChatEnvelope(long timeMs) =>
        Envelope("chatMsg", new PayloadRecord(
            KrytenEventInfo.Of<ChatMessage>().ReadPayload(Encoding.UTF8.GetBytes($$"""{"username": "a", "msg": "m", "meta": {}, "time": {{timeMs}}}""")), null));

    private static KrytenEnvelope Envelope(string eventName, PayloadRecord record) =>
        new(eventName, new EventRoute(eventName, [], []), "test", "cytu.be", DateTimeOffset.UnixEpoch, EventCorrelationId.NewId(), 0, 0,
            JsonValueKind.Object, eventName == "chatMsg" ? new[] { record } : []);

    private sealed class RawHandler(string? eventName) : HandlerEntry("raw", null, eventName, null, null, false, false)
    {
        public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) => default;
    }
}

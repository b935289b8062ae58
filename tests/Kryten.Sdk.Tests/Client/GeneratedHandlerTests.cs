using System.Collections.Concurrent;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;

namespace Kryten.Sdk.Tests.Client;

/// <summary>The README's bot: a partial class whose dispatch table the handler generator writes.</summary>
public sealed partial class EchoBot
{
    public ConcurrentQueue<string> Seen { get; } = new();

    [KrytenHandler]
    public async Task OnChat(ChatMessage msg, EventContext ctx, CancellationToken ct)
    {
        Seen.Enqueue($"chat:{msg.Username}:{msg.Msg}");
        if (msg.Msg == "!ping") await ctx.Commands.SayAsync($"pong, {msg.Username}", cancellationToken: ct);
    }

    [KrytenHandler(Channel = "Lounge Test", Ordered = true)]
    public ValueTask OnJoin(UserJoined user, EventContext ctx)
    {
        Seen.Enqueue($"join:{user.Name}:{ctx.Channel}");
        return ValueTask.CompletedTask;
    }

    [KrytenHandler(Event = "usercount")]
    public Task OnRawCount(KrytenRawEvent e)
    {
        Seen.Enqueue($"raw:{e.EventName}:{System.Text.Encoding.UTF8.GetString(e.Payload.Span)}");
        return Task.CompletedTask;
    }
}

public sealed class GeneratedHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generated_handler_sets_receive_generated_records_and_reply_with_generated_commands()
    {
        await using var mock = await MockKrytenClient.StartAsync(o =>
            o.Channels = [new KrytenChannelOptions { Domain = "cytu.be", Channel = "Lounge Test" }, new KrytenChannelOptions { Domain = "cytu.be", Channel = "other" }]);
        var bot = new EchoBot();
        using var registration = mock.Client.AddHandlers(bot);

        var id = await mock.EmitAsync("chatMsg", """{"username": "alice", "msg": "!ping", "meta": {}, "time": 1786731943510}""", channel: "Lounge Test");
        await mock.EmitAsync("addUser", """{"name": "bob", "rank": 1.5, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""", channel: "Lounge Test");
        await mock.EmitAsync("addUser", """{"name": "carol", "rank": 0, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""", channel: "other");
        await mock.EmitAsync("usercount", "7", channel: "other");

        bot.Seen.Order().ShouldBe(["chat:alice:!ping", "join:bob:Lounge Test", "raw:usercount:7"]);
        var say = mock.Commands.ShouldHaveSingleItem();
        say.Command.ShouldBe("say");
        say.Args.GetProperty("message").GetString().ShouldBe("pong, alice");
        say.Meta.GetProperty("channel").GetString().ShouldBe("Lounge Test");
        say.CausedBy.ShouldBe(id);
    }

    [Fact]
    public async Task Generated_acknowledged_commands_read_typed_replies()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Bus.ScriptReply("addvideo", """{"service": "robot", "command": "addvideo", "success": true, "data": {"success": true, "uid": 17}}""");
        var queued = await mock.Client.AddVideoAndWaitAsync("yt", "dQw4w9WgXcQ", cancellationToken: Ct);
        queued.Uid.ShouldBe(17);
        var sent = mock.Commands.ShouldHaveSingleItem();
        sent.Args.GetProperty("type").GetString().ShouldBe("yt");
        sent.Args.GetProperty("id").GetString().ShouldBe("dQw4w9WgXcQ");
    }
}

public sealed class GeneratedChatSplitTests
{
    [Fact]
    public async Task Generated_SayAsync_with_a_long_message_is_split_by_the_runtime()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var words = string.Join(' ', Enumerable.Range(0, 120).Select(i => "word" + i));   // ~830 characters
        var id = await mock.Client.SayAsync(words, cancellationToken: TestContext.Current.CancellationToken);
        await mock.SettleAsync();
        var pieces = mock.Commands.Select(c => c.Args.GetProperty("message").GetString()!).ToList();
        pieces.Count.ShouldBe(3);
        pieces.ShouldAllBe(p => p.Length <= 320);
        string.Join(' ', pieces).ShouldBe(words);
        mock.Commands[0].RequestId.ShouldBe(id);
    }
}

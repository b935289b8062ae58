using Kryten.Sdk.Testing;
using Xunit;

namespace KrytenBot.Tests;

/// <summary>The handlers on the testing package's mock client: the real KrytenClient on an in-memory bridge.</summary>
public sealed class PingHandlersTests
{
    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Client.AddHandlers(new PingHandlers());

        await mock.EmitAsync("chatMsg", """{"username": "alice", "msg": "!ping", "meta": {}, "time": 1786731951510}""");

        var say = await mock.Bus.WaitForCommandAsync("say");
        Assert.Equal("pong, alice", say.Args.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Other_chat_is_left_alone()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Client.AddHandlers(new PingHandlers());

        await mock.EmitAsync("chatMsg", """{"username": "alice", "msg": "hello", "meta": {}, "time": 1786731951510}""");
        await mock.SettleAsync();

        Assert.Empty(mock.Commands);
    }
}

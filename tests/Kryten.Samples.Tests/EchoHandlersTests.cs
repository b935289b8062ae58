using Kryten.Samples.EchoBot;
using Kryten.Sdk.Testing;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>EchoBot's handlers on the testing package's mock client: every way queueing can fail gets an answer in chat.</summary>
public sealed class EchoHandlersTests
{
    private const string QueueLink = """{"username": "carol", "msg": "!queue https://youtu.be/dQw4w9WgXcQ", "meta": {}, "time": 1786731951510}""";

    private static async Task<string> AnswerAsync(Action<InMemoryKrytenBus> bridge)
    {
        await using var mock = await MockKrytenClient.StartAsync();
        bridge(mock.Bus);
        mock.Client.AddHandlers(new EchoHandlers(TextWriter.Null, new SeenClient(mock.Client), TimeProvider.System));
        await mock.EmitAsync("chatMsg", QueueLink);
        mock.Client.Health().HandlerErrors.ShouldBe(0);
        return (await mock.Bus.WaitForCommandAsync("say")).Args.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task No_bridge_running_is_answered_not_thrown()
    {
        var answer = await AnswerAsync(bus => bus.AcknowledgeUnscripted = false);
        answer.ShouldBe("carol: the bridge did not answer; is it running?");
    }

    [Fact]
    public async Task A_refusal_is_answered_with_the_bridges_reason()
    {
        var answer = await AnswerAsync(bus => bus.ScriptReply("addvideo",
            """{"service": "robot", "command": "addvideo", "success": true, "data": {"success": false, "error": "This item is already on the playlist"}}"""));
        answer.ShouldBe("carol: CyTube refused yt:dQw4w9WgXcQ: This item is already on the playlist");
    }

    [Fact]
    public async Task A_lost_connection_is_answered_with_what_happened()
    {
        var answer = await AnswerAsync(bus => bus.FailPublishes = 1);
        answer.ShouldStartWith("carol: could not queue yt:dQw4w9WgXcQ: ");
    }
}

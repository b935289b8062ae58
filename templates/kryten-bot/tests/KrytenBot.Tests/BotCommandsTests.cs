using Kryten.Sdk.Testing;
using Xunit;

namespace KrytenBot.Tests;

/// <summary>The chat commands on the testing package's mock client: the real KrytenClient on an in-memory bridge.</summary>
public sealed class BotCommandsTests
{
    private static async Task<MockKrytenClient> StartAsync()
    {
        var mock = await MockKrytenClient.StartAsync();
        mock.Client.AddChatCommands(new BotCommands(new Random(7)));
        return mock;
    }

    // What the bot says when alice types the line now (chat older than the client's connect is backlog: no command runs).
    private static async Task<string[]> SaysAsync(MockKrytenClient mock, string line)
    {
        mock.Bus.Clear();
        await mock.EmitAsync("chatMsg", $$"""{"username": "alice", "msg": {{System.Text.Json.JsonSerializer.Serialize(line)}}, "meta": {}, "time": {{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}""");
        await mock.SettleAsync();
        return mock.Commands.Where(c => c.Command == "say").Select(c => c.Args.GetProperty("message").GetString()!).ToArray();
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var mock = await StartAsync();
        Assert.Equal(["pong, alice"], await SaysAsync(mock, "!ping"));
    }

    [Theory]
    [InlineData("!roll", 6)]
    [InlineData("!roll 20", 20)]
    [InlineData("!r 1000", 1000)]
    public async Task Roll_answers_a_number_between_1_and_the_sides(string line, int sides)
    {
        await using var mock = await StartAsync();
        var said = Assert.Single(await SaysAsync(mock, line));

        Assert.EndsWith($" (d{sides})", said);
        var rolled = int.Parse(said["alice rolled ".Length..said.IndexOf(' ', "alice rolled ".Length)]);
        Assert.InRange(rolled, 1, sides);
    }

    [Theory]
    [InlineData("!roll six", "alice: sides: 'six' is not a whole number. Usage: !roll [sides]")]
    [InlineData("!roll 1", "alice: a die has 2 to 1000 sides. Usage: !roll [sides]")]
    public async Task A_bad_roll_is_answered_with_the_usage_line(string line, string answer)
    {
        await using var mock = await StartAsync();
        Assert.Equal([answer], await SaysAsync(mock, line));
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        await using var mock = await StartAsync();
        var said = Assert.Single(await SaysAsync(mock, "!help"));
        Assert.StartsWith("commands: !ping, !roll", said);
    }

    [Fact]
    public async Task Other_chat_is_left_alone()
    {
        await using var mock = await StartAsync();
        Assert.Empty(await SaysAsync(mock, "hello"));
    }
}

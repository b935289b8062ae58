using System.Text.RegularExpressions;
using Kryten.Samples.DiceBot;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>DiceBot's commands on the testing package's in-memory bus, exactly as the issue lists them.</summary>
public sealed class DiceBotTests
{
    private static ChannelUser User(string name, double rank) =>
        new() { Name = name, Rank = rank, Profile = new UserProfile { Image = "", Text = "" }, Meta = new UserMeta { Afk = false, Muted = false } };

    private static async Task<MockKrytenClient> StartAsync(TimeProvider? time = null)
    {
        var mock = await MockKrytenClient.StartAsync();
        mock.Bus.BotName = "KrytenBot";   // before the user list: the client asks the bridge for its name when that appears
        await mock.Bus.StateOf("test").SetUsersAsync([User("alice", 1), User("mod", 2), User("KrytenBot", 2)]);
        mock.Client.AddChatCommands(new DiceCommands(new Random(7)), o => o.TimeProvider = time ?? TimeProvider.System);
        return mock;
    }

    private static string Chat(string user, string text) =>
        $$"""{"username": "{{user}}", "msg": {{System.Text.Json.JsonSerializer.Serialize(text)}}, "meta": {}, "time": {{Now}}}""";

    // Live chat: a message older than the client's connect would be the backlog CyTube replays on join, which runs no command.
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    // Everything the bot said since the last call, in order.
    private static async Task<string[]> SaysAsync(MockKrytenClient mock, string user, string text)
    {
        mock.Bus.Clear();
        await mock.EmitAsync("chatMsg", Chat(user, text));
        return mock.Commands.Where(c => c.Command == "say").Select(c => c.Args.GetProperty("message").GetString()!).ToArray();
    }

    [Theory]
    [InlineData("!roll", "1d6", 1, 6, 0)]
    [InlineData("!roll 2d6+3", "2d6+3", 2, 6, 3)]
    [InlineData("!r 3d8-2", "3d8-2", 3, 8, -2)]
    [InlineData("!ROLL 100d1000", "100d1000", 100, 1000, 0)]
    public async Task Roll_answers_with_the_total_and_each_die(string typed, string shown, int count, int sides, int modifier)
    {
        await using var mock = await StartAsync();
        var said = string.Join(" ", await SaysAsync(mock, "alice", typed));   // 100 dice are split into pieces at spaces

        var match = Regex.Match(said, $@"^alice rolled {Regex.Escape(shown)}: (-?\d+) \(([\d, ]+)\)$");
        match.Success.ShouldBeTrue(said);
        var dice = match.Groups[2].Value.Split(", ").Select(int.Parse).ToArray();
        dice.Length.ShouldBe(count);
        dice.ShouldAllBe(d => d >= 1 && d <= sides);
        int.Parse(match.Groups[1].Value).ShouldBe(dice.Sum() + modifier);
    }

    [Theory]
    [InlineData("!roll 0d6")]
    [InlineData("!roll 101d6")]
    [InlineData("!roll 1d1")]
    [InlineData("!roll 1d1001")]
    [InlineData("!roll d6")]
    [InlineData("!roll 2d6+")]
    [InlineData("!roll two")]
    public async Task Roll_outside_the_limits_answers_with_the_usage_line(string typed)
    {
        await using var mock = await StartAsync();
        var said = (await SaysAsync(mock, "alice", typed)).ShouldHaveSingleItem();
        said.ShouldBe($"alice: dice: '{typed[6..]}' is not valid. Usage: !roll [dice]");
    }

    [Fact]
    public async Task EightBall_answers_a_classic_answer_and_without_a_question_its_usage()
    {
        await using var mock = await StartAsync();
        var said = (await SaysAsync(mock, "alice", "!8ball will it rain?")).ShouldHaveSingleItem();
        said.ShouldStartWith("alice: ");
        DiceCommands.EightBallAnswers.ShouldContain(said["alice: ".Length..]);

        (await SaysAsync(mock, "alice", "!8ball")).ShouldBe(["alice: question is missing. Usage: !8ball <question…>"]);
    }

    [Fact]
    public async Task Choose_answers_one_option_trimmed()
    {
        await using var mock = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var said = (await SaysAsync(mock, "alice", "!choose  pizza |  tacos and beer |sushi ")).ShouldHaveSingleItem();
            said.ShouldBeOneOf("pizza", "tacos and beer", "sushi");
        }
    }

    [Fact]
    public async Task Skip_needs_rank_2_from_the_live_user_list()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "alice", "!skip")).ShouldBe(["alice: you need rank 2 for !skip"]);
        mock.Commands.ShouldNotContain(c => c.Command == "playNext");

        (await SaysAsync(mock, "mod", "!skip")).ShouldBe(["skipping"]);
        mock.Commands.Select(c => c.Command).ShouldBe(["playNext", "say"]);

        await mock.Bus.StateOf("test").SetUsersAsync([User("alice", 2), User("mod", 2)]);   // promoted: the rank is read live
        (await SaysAsync(mock, "alice", "!skip")).ShouldBe(["skipping"]);
    }

    [Fact]
    public async Task Skip_by_pm_reads_the_rank_from_the_user_list_and_answers_by_pm()
    {
        await using var mock = await StartAsync();
        mock.Bus.Clear();
        await mock.EmitAsync("pm", """{"username": "alice", "msg": "!skip", "meta": {}, "time": 1786731943510, "to": "KrytenBot"}""");
        await mock.EmitAsync("pm", """{"username": "mod", "msg": "!skip", "meta": {}, "time": 1786731943511, "to": "KrytenBot"}""");

        mock.Commands.Select(c => (c.Command, c.Args.TryGetProperty("username", out var to) ? to.GetString() : null, c.Args.TryGetProperty("message", out var m) ? m.GetString() : null))
            .ShouldBe([("pm", "alice", "alice: you need rank 2 for !skip"), ("playNext", null, null), ("pm", "mod", "skipping")]);
    }

    [Fact]
    public async Task Cooldown_allows_once_per_user_every_10_seconds_and_says_how_long_to_wait()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var mock = await StartAsync(time);

        (await SaysAsync(mock, "alice", "!cooldown")).ShouldBe(["ok"]);
        (await SaysAsync(mock, "alice", "!cooldown")).ShouldBe(["alice: wait 10s"]);
        time.Advance(TimeSpan.FromSeconds(3.5));
        (await SaysAsync(mock, "alice", "!cooldown")).ShouldBe(["alice: wait 7s"]);
        (await SaysAsync(mock, "mod", "!cooldown")).ShouldBe(["ok"]);   // per user
        time.Advance(TimeSpan.FromSeconds(6.5));
        (await SaysAsync(mock, "alice", "!cooldown")).ShouldBe(["ok"]);
    }

    [Fact]
    public async Task Help_lists_the_commands_the_sender_may_use_and_describes_one()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "alice", "!help")).ShouldBe(["commands: !roll, !8ball, !choose, !cooldown, !help (!help <command> for more)"]);
        (await SaysAsync(mock, "mod", "!help")).ShouldBe(["commands: !roll, !8ball, !choose, !skip, !cooldown, !help (!help <command> for more)"]);
        (await SaysAsync(mock, "alice", "!help roll")).ShouldBe(["!roll [dice] (also !r) — Rolls NdM dice plus or minus K (1d6 by default)."]);
        (await SaysAsync(mock, "alice", "!help !choose")).ShouldBe(["!choose <options…> — Picks one of the options separated by |."]);
        (await SaysAsync(mock, "alice", "!help skip")).ShouldBe(["alice: no command !skip"]);
        (await SaysAsync(mock, "mod", "!help skip")).ShouldBe(["!skip — Skips to the next item of the playlist (moderators)."]);
    }

    [Fact]
    public async Task Unknown_commands_own_messages_backlog_and_shadow_muted_senders_are_ignored()
    {
        await using var mock = await StartAsync();
        var state = mock.Client.ChannelState("test");
        var until = DateTime.UtcNow.AddSeconds(10);
        while (state.BotName is null && DateTime.UtcNow < until) await Task.Delay(10, TestContext.Current.CancellationToken);
        state.BotName.ShouldBe("KrytenBot");

        (await SaysAsync(mock, "alice", "!dance")).ShouldBeEmpty();
        (await SaysAsync(mock, "alice", "roll 2d6")).ShouldBeEmpty();
        (await SaysAsync(mock, "KrytenBot", "!roll")).ShouldBeEmpty();
        mock.Bus.Clear();
        await mock.EmitAsync("chatMsg", $$"""{"username": "alice", "msg": "!roll", "meta": {"shadow": true}, "time": {{Now}}}""");
        mock.Commands.ShouldBeEmpty();
        await mock.EmitAsync("chatMsg", $$"""{"username": "alice", "msg": "!roll", "meta": {}, "time": {{Now - 600_000}}}""");   // replayed on join
        mock.Commands.ShouldBeEmpty();
    }
}

using System.Globalization;
using System.Text.Json;
using Kryten.Sdk.ChatCommands;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Kryten.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Kryten.Sdk.Tests.ChatCommands;

public enum Colour { Red, Green }

/// <summary>A point typed as <c>x,y</c>: a user type with its own parser.</summary>
public readonly record struct GridPoint(int X, int Y) : IParsable<GridPoint>
{
    public static GridPoint Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var p) ? p : throw new FormatException(s);

    public static bool TryParse(string? s, IFormatProvider? provider, out GridPoint result)
    {
        result = default;
        var parts = s?.Split(',');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var x) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var y)) return false;
        result = new GridPoint(x, y);
        return true;
    }
}

/// <summary>Commands that exercise every part of the router; the generator compiles them in this test project.</summary>
public sealed partial class ToolCommands
{
    /// <summary>Echoes every typed argument.</summary>
    [ChatCommand("types")]
    public Task Types(ChatCommandContext ctx, int a, long b, double c, bool d, TimeSpan e, Colour f, GridPoint g, string h, [Remainder] string rest) =>
        ctx.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"{a}|{b}|{c}|{d}|{e}|{f}|{g.X}:{g.Y}|{h}|{rest}")).AsTask();

    [ChatCommand("defaults")]
    public Task Defaults(ChatCommandContext ctx, int a = 7, Colour colour = Colour.Green, string? word = null) =>
        ctx.ReplyAsync($"{a} {colour} {word ?? "none"}").AsTask();

    [ChatCommand("secret", From = ChatCommandSources.PrivateMessage)]
    public Task Secret(ChatCommandContext ctx) => ctx.ReplyAsync($"psst {ctx.Sender} (pm: {ctx.IsPrivateMessage}, rank {ctx.SenderRank})").AsTask();

    [ChatCommand("echo")]
    public Task Echo(ChatCommandContext ctx, [Remainder] string text) => ctx.ReplyAsync(text).AsTask();

    [ChatCommand("me", AllowSlash = true)]
    public Task Me(ChatCommandContext ctx, [Remainder] string text) => ctx.ReplyAsync("/me " + text).AsTask();

    [ChatCommand("boom")]
    public Task Boom() => throw new InvalidOperationException("kaboom");

    [ChatCommand("dance"), Cooldown(30, Per = CooldownScope.Channel)]
    public Task Dance(ChatCommandContext ctx) => ctx.ReplyAsync("dancing").AsTask();

    [ChatCommand("elsewhere", Channel = "Other Room")]
    public Task Elsewhere(ChatCommandContext ctx) => ctx.ReplyAsync("here").AsTask();

    [ChatCommand("op"), RequireRank(1.5)]
    public Task Op(ChatCommandContext ctx) => ctx.ReplyAsync("opped").AsTask();
}

/// <summary>The router: typed arguments and their errors, where commands may run, refusals, failures and the options.</summary>
public sealed class ChatCommandRouterTests
{
    private static ChannelUser User(string name, double rank) =>
        new() { Name = name, Rank = rank, Profile = new UserProfile { Image = "", Text = "" }, Meta = new UserMeta { Afk = false, Muted = false } };

    private static async Task<MockKrytenClient> StartAsync(Action<ChatCommandOptions>? configure = null, CapturingLoggerFactory? logs = null)
    {
        var mock = await MockKrytenClient.StartAsync(loggerFactory: logs);
        await mock.Bus.StateOf("test").SetUsersAsync([User("alice", 1), User("leader", 1.5)]);
        mock.Client.AddChatCommands(new ToolCommands(), configure);
        return mock;
    }

    // What the bot sent for one line: (command, PM recipient or null, text).
    private static async Task<(string Command, string? To, string Text)[]> SendAsync(MockKrytenClient mock, string text, string user = "alice", bool pm = false,
        TimeSpan age = default)
    {
        mock.Bus.Clear();
        var time = DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds();   // live unless aged: older chat is the backlog replayed on join
        var payload = $$"""{"username": "{{user}}", "msg": {{JsonSerializer.Serialize(text)}}, "meta": {}, "time": {{time}}{{(pm ? ", \"to\": \"KrytenBot\"" : "")}}}""";
        await mock.EmitAsync(pm ? "pm" : "chatMsg", payload);
        return mock.Commands.Select(c => (c.Command, c.Args.TryGetProperty("username", out var to) ? to.GetString() : null, c.Args.GetProperty("message").GetString()!)).ToArray();
    }

    private static async Task<string> SaysAsync(MockKrytenClient mock, string text, string user = "alice") =>
        (await SendAsync(mock, text, user)).ShouldHaveSingleItem().Text;

    [Fact]
    public async Task Every_parameter_type_is_read()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "!types -3 9000000000 2.5 YES 90s green 4,-5 \"two words\" the  rest, as typed"))
            .ShouldBe("-3|9000000000|2.5|True|00:01:30|Green|4:-5|two words|the  rest, as typed");
        (await SaysAsync(mock, "!types 1 2 1e3 off 00:00:05 RED 0,0 x y")).ShouldBe("1|2|1000|False|00:00:05|Red|0:0|x|y");
    }

    [Theory]
    [InlineData("!types x 2 3 yes 1s red 1,1 h r", "a: 'x' is not a whole number")]
    [InlineData("!types 1 99999999999999999999 3 yes 1s red 1,1 h r", "b: '99999999999999999999' is not a whole number")]
    [InlineData("!types 1 2 NaN yes 1s red 1,1 h r", "c: 'NaN' is not a number")]
    [InlineData("!types 1 2 3 maybe 1s red 1,1 h r", "d: 'maybe' is not yes or no")]
    [InlineData("!types 1 2 3 yes soon red 1,1 h r", "e: 'soon' is not a duration such as 90, 30s, 5m or 1:30:00")]
    [InlineData("!types 1 2 3 yes -5s red 1,1 h r", "e: '-5s' is not a duration such as 90, 30s, 5m or 1:30:00")]
    [InlineData("!types 1 2 3 yes 1s blue 1,1 h r", "f: 'blue' is not one of red, green")]
    [InlineData("!types 1 2 3 yes 1s red 1;1 h r", "g: '1;1' is not valid")]
    [InlineData("!types 1 2 3 yes 1s red 1,1 h", "rest is missing")]
    [InlineData("!types 1 2", "c is missing")]
    [InlineData("!types 1 2 3 yes 1s red 1,1 \"h r", "a quote is not closed")]
    public async Task A_parse_error_answers_with_the_message_and_the_usage_line(string typed, string message)
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, typed)).ShouldBe($"alice: {message}. Usage: !types <a> <b> <c> <d> <e> <f> <g> <h> <rest…>");
    }

    [Fact]
    public async Task Optional_arguments_take_their_defaults_and_extra_arguments_are_refused()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "!defaults")).ShouldBe("7 Green none");
        (await SaysAsync(mock, "!defaults 1 red hi")).ShouldBe("1 Red hi");
        (await SaysAsync(mock, "!defaults 1 red hi there")).ShouldBe("alice: too many arguments ('there'). Usage: !defaults [a] [colour] [word]");
    }

    [Fact]
    public async Task A_pm_only_command_runs_by_pm_with_the_rank_from_the_user_list_and_says_so_in_chat()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "!secret")).ShouldBe("alice: !secret works only by PM");
        (await SendAsync(mock, "!secret", "leader", pm: true)).ShouldBe([("pm", "leader", "psst leader (pm: True, rank 1.5)")]);
    }

    [Fact]
    public async Task Replies_never_start_with_a_slash_unless_the_command_allows_it()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "!echo /clear")).ShouldBe("\u200B/clear");
        (await SaysAsync(mock, "!echo  hi /clear")).ShouldBe("hi /clear");
        (await SaysAsync(mock, "!me waves")).ShouldBe("/me waves");
    }

    [Fact]
    public async Task An_exception_is_logged_and_answered_with_a_generic_failure()
    {
        var logs = new CapturingLoggerFactory();
        await using var mock = await StartAsync(logs: logs);
        (await SaysAsync(mock, "!boom")).ShouldBe("alice: sorry, !boom failed");
        mock.Client.Health().HandlerErrors.ShouldBe(0);
        var entry = logs.Entries.Where(e => e.EventId.Id == 120).ShouldHaveSingleItem();
        entry.Message.ShouldBe("Chat command ToolCommands.Boom failed for alice in test; the sender was told it failed");
        entry.Exception!.Message.ShouldBe("kaboom");
    }

    [Fact]
    public async Task Refusals_go_by_pm_when_configured_and_replies_still_go_where_the_command_came_from()
    {
        await using var mock = await StartAsync(o => o.ErrorReplies = ChatReplyTarget.PrivateMessage);
        (await SendAsync(mock, "!op")).ShouldBe([("pm", "alice", "alice: you need rank 1.5 for !op")]);
        (await SendAsync(mock, "!op", "leader")).ShouldBe([("say", null, "opped")]);
    }

    [Fact]
    public async Task A_sender_the_user_list_does_not_show_is_refused()
    {
        await using var mock = await StartAsync();
        (await SaysAsync(mock, "!op", "stranger")).ShouldBe("stranger: you need rank 1.5 for !op");
    }

    [Fact]
    public async Task Unknown_commands_are_ignored_unless_configured_and_the_prefix_is_configurable()
    {
        await using (var quiet = await StartAsync())
        {
            (await SendAsync(quiet, "!nope")).ShouldBeEmpty();
        }

        await using var mock = await StartAsync(o =>
        {
            o.AnswerUnknownCommands = true;
            o.Prefix = "?";
        });
        (await SaysAsync(mock, "?nope")).ShouldBe("alice: no command ?nope, try ?help");
        (await SendAsync(mock, "!echo hi")).ShouldBeEmpty();
        (await SaysAsync(mock, "?echo hi")).ShouldBe("hi");
        (await SaysAsync(mock, "?help echo")).ShouldBe("?echo <text…>");
    }

    [Fact]
    public async Task Chat_backlog_runs_no_command_unless_configured()
    {
        await using (var mock = await StartAsync())
        {
            (await SendAsync(mock, "!echo old", age: TimeSpan.FromMinutes(10))).ShouldBeEmpty();
            (await SaysAsync(mock, "!echo new")).ShouldBe("new");
        }

        await using var replaying = await StartAsync(o => o.IgnoreBacklog = false);
        (await SendAsync(replaying, "!echo old", age: TimeSpan.FromMinutes(10))).ShouldBe([("say", null, "old")]);
    }

    [Fact]
    public async Task A_command_filtered_to_another_channel_does_not_run_here()
    {
        await using var mock = await StartAsync();
        (await SendAsync(mock, "!elsewhere")).ShouldBeEmpty();
        (await SaysAsync(mock, "!help")).ShouldNotContain("!elsewhere");
    }

    [Fact]
    public async Task A_channel_cooldown_is_shared_by_every_sender_and_a_parse_error_costs_no_use()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var mock = await StartAsync(o => o.TimeProvider = time);
        (await SaysAsync(mock, "!dance")).ShouldBe("dancing");
        (await SaysAsync(mock, "!dance", "leader")).ShouldBe("leader: wait 30s");
        time.Advance(TimeSpan.FromSeconds(29.2));
        (await SaysAsync(mock, "!dance")).ShouldBe("alice: wait 1s");
        time.Advance(TimeSpan.FromSeconds(0.8));
        (await SaysAsync(mock, "!dance extra")).ShouldStartWith("alice: too many arguments");
        (await SaysAsync(mock, "!dance", "leader")).ShouldBe("dancing");
    }

    [Fact]
    public void Two_commands_with_one_name_in_a_set_are_refused_at_registration()
    {
        var set = new DuplicateSet();
        var options = new ChatCommandOptions();
        Should.Throw<ArgumentException>(() => new ChatCommandRouter(set, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
            .Message.ShouldStartWith("Chat command name 'R' is used by both A.Roll and B.R");
    }

    // Hand-written, as two generated sets merged by hand would be: the generator itself reports KRY201 instead.
    private sealed class DuplicateSet : IKrytenChatCommandSet
    {
        public IReadOnlyList<ChatCommandDescriptor> KrytenChatCommands { get; } =
        [
            new(0, "A.Roll", "roll", ["r"], "", null, ChatCommandSources.Any, null, 0, CooldownScope.User, false, null, null),
            new(1, "B.R", "R", [], "", null, ChatCommandSources.Any, null, 0, CooldownScope.User, false, null, null),
        ];

        public ValueTask InvokeKrytenChatCommandAsync(int commandIndex, ChatCommandContext context, CancellationToken cancellationToken) => default;
    }
}

/// <summary>The chat command attributes are markers for the generator: <c>[Conditional]</c>, so they never reach a compiled bot.</summary>
public sealed class ChatCommandAttributeTests
{
    [Theory]
    [InlineData(typeof(ChatCommandAttribute))]
    [InlineData(typeof(RequireRankAttribute))]
    [InlineData(typeof(CooldownAttribute))]
    [InlineData(typeof(RemainderAttribute))]
    public void Is_conditional(Type attribute) =>
        attribute.GetCustomAttributes(typeof(System.Diagnostics.ConditionalAttribute), inherit: false)
            .Cast<System.Diagnostics.ConditionalAttribute>().ShouldHaveSingleItem().ConditionString.ShouldBe("KRYTEN_SDK_KEEP_ATTRIBUTES");
}

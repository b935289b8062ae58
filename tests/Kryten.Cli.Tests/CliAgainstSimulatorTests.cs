using System.Text.Json;
using Shouldly;
using Xunit;

namespace Kryten.Cli.Tests;

/// <summary>The real <c>kryten</c> process against a real nats-server and <c>kryten simulate</c>: replies, refusals and exit codes.</summary>
public sealed class CliAgainstSimulatorTests(SimulatedChannel channel) : IClassFixture<SimulatedChannel>
{
    private const string Lobby = SimulatedChannel.Channel;

    [Fact]
    public async Task A_generated_command_waits_for_the_bridge_and_prints_its_typed_reply()
    {
        var (exitCode, stdout, stderr) = await channel.RunAsync("say", "--channel", Lobby, "hello from the cli", "--json");

        exitCode.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe("""{"success":true}""");
    }

    [Fact]
    public async Task A_refusal_is_exit_1_with_the_bridges_error_on_one_line()
    {
        // The recorded session's playlist holds this video: CyTube refuses it a second time.
        var (exitCode, stdout, stderr) = await channel.RunAsync("add-video", "yt", "dQw4w9WgXcQ", "--position", "next", "--channel", Lobby);

        exitCode.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.Trim().ShouldBe("kryten: The bridge rejected 'addvideo': This item is already on the playlist");
    }

    [Fact]
    public async Task A_new_video_is_queued_and_its_typed_reply_printed()
    {
        var (exitCode, stdout, stderr) = await channel.RunAsync("add-video", "yt", "aaaaaaaaaaa", "--channel", Lobby, "--json");

        exitCode.ShouldBe(0, stderr);
        using var reply = JsonDocument.Parse(stdout);
        reply.RootElement.GetProperty("success").GetBoolean().ShouldBeTrue();
        reply.RootElement.GetProperty("uid").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_argument_that_breaks_a_schema_rule_is_exit_2_and_names_the_rule()
    {
        var (exitCode, _, stderr) = await channel.RunAsync("add-video", "xx", "dQw4w9WgXcQ", "--channel", Lobby);

        exitCode.ShouldBe(2);
        stderr.ShouldStartWith("kryten: 'type' must be one of: yt, ");
    }

    [Fact]
    public async Task A_value_that_is_not_of_its_kind_is_exit_2()
    {
        var (exitCode, _, stderr) = await channel.RunAsync("delete-video", "seventeen", "--channel", Lobby);

        exitCode.ShouldBe(2);
        stderr.Trim().ShouldBe("kryten: 'uid' must be an integer, not 'seventeen'.");
    }

    [Fact]
    public async Task State_prints_the_channels_users_from_the_bridges_buckets()
    {
        var (exitCode, stdout, stderr) = await channel.RunAsync("state", Lobby, "users", "--json");

        exitCode.ShouldBe(0, stderr);
        using var users = JsonDocument.Parse(stdout);
        users.RootElement.EnumerateArray().Select(u => u.GetProperty("name").GetString()).ShouldContain("alice");
    }

    [Fact]
    public async Task State_without_a_part_prints_every_part()
    {
        var (exitCode, stdout, stderr) = await channel.RunAsync("state", Lobby, "--json");

        exitCode.ShouldBe(0, stderr);
        using var state = JsonDocument.Parse(stdout);
        state.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["playlist", "current", "users", "emotes", "motd", "css", "js"]);
        state.RootElement.GetProperty("motd").GetString()!.ShouldContain("Welcome!");
    }

    [Fact]
    public async Task Kv_lists_and_reads_the_bridges_buckets()
    {
        var (listed, buckets, listError) = await channel.RunAsync("kv", "ls");
        listed.ShouldBe(0, listError);
        buckets.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldContain("kryten_lobby_playlist");

        var (exitCode, stdout, stderr) = await channel.RunAsync("kv", "get", "kryten_lobby_state", "motd", "--json");
        exitCode.ShouldBe(0, stderr);
        using var entry = JsonDocument.Parse(stdout);
        entry.RootElement.GetProperty("key").GetString().ShouldBe("motd");
        entry.RootElement.GetProperty("value").GetString()!.ShouldContain("Welcome!");
    }

    [Fact]
    public async Task Services_lists_the_bridge_in_its_registry()
    {
        var (exitCode, stdout, stderr) = await channel.RunAsync("services", "--channel", Lobby, "--window", "0.5", "--json");

        exitCode.ShouldBe(0, stderr);
        using var services = JsonDocument.Parse(stdout);
        services.RootElement.GetProperty("registry").GetProperty("services").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()).ShouldContain("robot");
        services.RootElement.GetProperty("discovered").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task Tail_prints_typed_events_as_json_lines()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var tail = KrytenProcess.Start("tail", "--channel", Lobby, "--event", "chatMsg", "--json", "--nats", channel.Server.Url);

        var line = await tail.WaitForLineAsync("\"event\":\"chatMsg\"", TimeSpan.FromSeconds(30), ct);

        using var json = JsonDocument.Parse(line);
        json.RootElement.GetProperty("type").GetString().ShouldBe("ChatMessage");
        json.RootElement.GetProperty("channel").GetString().ShouldBe(Lobby);
        json.RootElement.GetProperty("data").GetProperty("username").GetString().ShouldNotBeNullOrEmpty();
        tail.Stdout.ShouldNotContain("\"event\":\"userlist\"");
    }
}

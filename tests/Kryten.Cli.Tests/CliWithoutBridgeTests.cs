using System.Text;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Shouldly;
using Xunit;

namespace Kryten.Cli.Tests;

/// <summary>Exit codes when nobody answers or the command line is wrong, and <c>kryten call</c> against a service the test plays.</summary>
public sealed class CliWithoutBridgeTests : IAsyncLifetime
{
    private NatsServerProcess _server = null!;

    public async ValueTask InitializeAsync() => _server = await NatsServerProcess.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task No_bridge_running_is_exit_3()
    {
        var (exitCode, _, stderr) = await Run("say", "--channel", "lobby", "hello");

        exitCode.ShouldBe(3);
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Fact]
    public async Task An_unreachable_server_is_exit_3()
    {
        var (exitCode, _, stderr) = await KrytenProcess.RunAsync(TestContext.Current.CancellationToken, "say", "--channel", "lobby", "hello", "--nats", "nats://127.0.0.1:1");

        exitCode.ShouldBe(3, stderr);
    }

    [Fact]
    public async Task An_unknown_command_or_a_missing_argument_is_exit_2_on_one_line()
    {
        var (unknown, _, unknownError) = await Run("no-such-command");
        unknown.ShouldBe(2);
        unknownError.ShouldContain("no-such-command");
        unknownError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);

        var (missing, _, missingError) = await Run("say", "--channel", "lobby");
        missing.ShouldBe(2);
        missingError.ShouldStartWith("kryten: ");
    }

    [Fact]
    public async Task A_command_without_a_channel_is_exit_2()
    {
        var (exitCode, _, stderr) = await Run("say", "hello");

        exitCode.ShouldBe(2);
        stderr.ShouldContain("a channel is needed");
    }

    [Fact]
    public async Task Call_to_a_contract_service_goes_through_its_generated_client_and_prints_the_replys_data()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServeAsync("userstats", """{"service": "userstats", "command": "user.stats", "success": true, "data": {"messages": 42}}""", ct);

        var (exitCode, stdout, stderr) = await Run("call", "userstats", "user.stats", "--arg", "username=alice", "--arg", "channel=5", "--json");

        exitCode.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe("""{"messages":42}""");
        // The contract types channel as text, so 5 is sent as "5" (a raw call would send the number); the generated
        // client adds the caller's metadata with a fresh request id.
        (await service.Request).ShouldStartWith("""{"service":"userstats","command":"user.stats","username":"alice","channel":"5","meta":{"source":"kryten-cli","request_id":""");
    }

    [Fact]
    public async Task Call_checks_a_contract_services_command_and_arguments_before_sending_anything_exit_2()
    {
        var (missing, _, missingError) = await Run("call", "userstats", "user.stats");
        missing.ShouldBe(2);
        missingError.Trim().ShouldBe("kryten: 'username' is required.");

        var (broken, _, brokenError) = await Run("call", "userstats", "user.stats", "--arg", "username=");
        broken.ShouldBe(2);
        brokenError.ShouldContain("username");

        var (unknownArg, _, unknownArgError) = await Run("call", "userstats", "user.stats", "--arg", "username=alice", "--arg", "limit=5");
        unknownArg.ShouldBe(2);
        unknownArgError.Trim().ShouldBe("kryten: userstats user.stats has no argument 'limit'; its arguments: username, channel?, domain?");

        var (unknownCommand, _, unknownCommandError) = await Run("call", "moderator", "entry.nuke");
        unknownCommand.ShouldBe(2);
        unknownCommandError.ShouldStartWith("kryten: moderator has no command 'entry.nuke'; its commands: system.ping, ");
        unknownCommandError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Call_to_a_service_without_a_contract_sends_the_raw_envelope()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServeAsync("notes", """{"service": "notes", "command": "note.list", "success": true, "data": []}""", ct);

        var (exitCode, stdout, stderr) = await Run("call", "notes", "note.list", "--arg", "owner=alice", "--arg", "limit=5", "--json");

        exitCode.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe("[]");
        (await service.Request).ShouldBe("""{"service":"notes","command":"note.list","owner":"alice","limit":5}""");
    }

    [Fact]
    public async Task Call_reports_a_services_refusal_as_exit_1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var userstats = await ServeAsync("userstats", """{"service": "userstats", "command": "user.stats", "success": false, "error": "no such user"}""", ct);
        await using var notes = await ServeAsync("notes", """{"service": "notes", "command": "note.get", "success": false, "error": "no such note"}""", ct);

        var (typed, _, typedError) = await Run("call", "userstats", "user.stats", "--arg", "username=nobody");
        var (raw, _, rawError) = await Run("call", "notes", "note.get");

        typed.ShouldBe(1);
        typedError.Trim().ShouldBe("kryten: userstats refused: no such user");
        raw.ShouldBe(1);
        rawError.Trim().ShouldBe("kryten: notes refused: no such note");
    }

    [Fact]
    public async Task Call_with_no_service_listening_is_exit_3()
    {
        var (exitCode, _, stderr) = await Run("call", "moderator", "system.ping");

        exitCode.ShouldBe(3);
        stderr.Trim().ShouldBe("kryten: no moderator service answers on kryten.moderator.command");
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) =>
        KrytenProcess.RunAsync(TestContext.Current.CancellationToken, [.. args, "--nats", _server.Url]);

    // Plays a service on kryten.{service}.command: answers one request with the reply given, and keeps the request.
    private async Task<FakeService> ServeAsync(string service, string reply, CancellationToken ct)
    {
        var connection = new NatsConnection(new NatsOpts { Url = _server.Url });
        var subscription = await connection.SubscribeCoreAsync<byte[]>($"kryten.{service}.command", cancellationToken: ct);
        await connection.PingAsync(ct);
        var request = Task.Run(async () =>
        {
            var message = await subscription.Msgs.ReadAsync(ct);
            await message.ReplyAsync(Encoding.UTF8.GetBytes(reply), cancellationToken: ct);
            return Encoding.UTF8.GetString(message.Data!);
        }, ct);
        return new FakeService(connection, subscription, request);
    }

    private sealed record FakeService(NatsConnection Connection, INatsSub<byte[]> Subscription, Task<string> Request) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Subscription.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}

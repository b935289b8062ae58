using System.Diagnostics;
using Kryten.Nats.Auth;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

/// <summary>NatsConnection against nats-server configured for each auth method, with right and wrong credentials.</summary>
public sealed class AuthConnectTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-auth-" + Guid.NewGuid().ToString("N"));

    public AuthConnectTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NatsOpts Opts(NatsServerProcess server) => NatsOpts.Default with
    {
        Servers = [server.Url],
        Name = "auth-test",
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task User_and_password_connect_and_carry_traffic()
    {
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: "authorization { user: bot, password: \"s3cret-pw\" }", cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server) with { Username = "bot", Password = "s3cret-pw" });
    }

    [Fact]
    public async Task User_and_password_in_the_server_URL_connect()
    {
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: "authorization { user: bot, password: \"s3cret-pw\" }", cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server) with { Servers = [$"nats://bot:s3cret-pw@127.0.0.1:{server.Port}"] });
    }

    [Fact]
    public async Task A_token_connects()
    {
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: "authorization { token: \"t0ken-value\" }", cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server) with { Token = "t0ken-value" });
    }

    [Fact]
    public async Task An_nkey_seed_connects_by_signing_the_nonce()
    {
        using var user = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: $"authorization {{ users: [ {{ nkey: {user.PublicKey} }} ] }}", cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server) with { NKeySeed = user.Seed });
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task A_creds_file_connects_in_operator_mode(string newline)
    {
        using var op = NKeyPair.Create(NKeyType.Operator);
        using var account = NKeyPair.Create(NKeyType.Account);
        using var user = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: ServerAcceptsSignaturesTests.OperatorModeConfig(op, account), cancellationToken: Ct);
        var credsFile = Path.Combine(_dir, "user.creds");
        await File.WriteAllTextAsync(credsFile, NatsJwtIssuer.CredsFile(NatsJwtIssuer.User(user, account), user.Seed).ReplaceLineEndings(newline), Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server) with { CredsFile = credsFile });
    }

    [Fact]
    public async Task A_JWT_with_its_seed_connects_in_operator_mode_without_a_file()
    {
        using var op = NKeyPair.Create(NKeyType.Operator);
        using var account = NKeyPair.Create(NKeyType.Account);
        using var user = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: ServerAcceptsSignaturesTests.OperatorModeConfig(op, account), cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server) with { Jwt = NatsJwtIssuer.User(user, account), NKeySeed = user.Seed });
    }

    public static TheoryData<string, string> WrongCredentials() => new()
    {
        { "password", "authorization { user: bot, password: \"right-pw\" }" },
        { "token", "authorization { token: \"right-token\" }" },
        { "nkey", $"authorization {{ users: [ {{ nkey: {NKeyPair.Create(NKeyType.User).PublicKey} }} ] }}" },
        { "none", "authorization { user: bot, password: \"right-pw\" }" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task Wrong_credentials_fail_fast_with_NatsAuthorizationException(string kind, string serverAuth)
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: serverAuth, cancellationToken: Ct);
        using var stranger = NKeyPair.Create(NKeyType.User);
        var opts = kind switch
        {
            "password" => Opts(server) with { Username = "bot", Password = "wrong-pw" },
            "token" => Opts(server) with { Token = "wrong-token" },
            "nkey" => Opts(server) with { NKeySeed = stranger.Seed },
            _ => Opts(server),
        };
        await using var connection = new NatsConnection(opts);
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<NatsAuthorizationException>(async () => await connection.ConnectAsync(Ct));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        ex.Message.ShouldContain("Authorization Violation");
        connection.State.ShouldNotBe(NatsConnectionState.Connected);
    }

    [Fact]
    public async Task A_creds_file_for_an_account_the_server_does_not_know_is_refused()
    {
        using var op = NKeyPair.Create(NKeyType.Operator);
        using var account = NKeyPair.Create(NKeyType.Account);
        using var rogue = NKeyPair.Create(NKeyType.Account);
        using var user = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: ServerAcceptsSignaturesTests.OperatorModeConfig(op, account), cancellationToken: Ct);
        var credsFile = Path.Combine(_dir, "rogue.creds");
        await File.WriteAllTextAsync(credsFile, NatsJwtIssuer.CredsFile(NatsJwtIssuer.User(user, rogue), user.Seed), Ct);
        await using var connection = new NatsConnection(Opts(server) with { CredsFile = credsFile });

        await Should.ThrowAsync<NatsAuthorizationException>(async () => await connection.ConnectAsync(Ct));
    }

    [Fact]
    public async Task After_the_server_changes_password_the_client_stops_reconnecting_instead_of_storming()
    {
        var port = NatsServerProcess.FreePort();
        var before = await NatsServerProcess.StartAsync(
            extraConfig: "authorization { user: bot, password: \"old-pw\" }", port: port, cancellationToken: Ct);
        var opts = Opts(before) with
        {
            Username = "bot",
            Password = "old-pw",
            ReconnectWait = TimeSpan.FromMilliseconds(50),
            ReconnectJitter = TimeSpan.Zero,
            MaxReconnectAttempts = -1,
        };
        await using var connection = new NatsConnection(opts);
        await connection.ConnectAsync(Ct);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.StateChanged += (_, _) =>
        {
            if (connection.State == NatsConnectionState.Closed) closed.TrySetResult();
        };

        await before.DisposeAsync();
        await using var after = await NatsServerProcess.StartAsync(
            extraConfig: "authorization { user: bot, password: \"new-pw\" }", port: port, cancellationToken: Ct);
        await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10), Ct));
        connection.State.ShouldBe(NatsConnectionState.Closed);

        // The server logs each refusal asynchronously, possibly after the client has closed, so
        // wait until the count has been still for a second; a storm would never hold still.
        var attempts = await SettledAuthFailureCountAsync(after);
        attempts.ShouldBeInRange(1, 3);
    }

    private static async Task<int> SettledAuthFailureCountAsync(NatsServerProcess server)
    {
        var count = CountAuthFailures(server.Log);
        var stableSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100, Ct);
            var now = CountAuthFailures(server.Log);
            if (now != count) (count, stableSince) = (now, DateTime.UtcNow);
        }
        (DateTime.UtcNow - stableSince).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "refusals kept coming: a reconnect storm");
        return count;
    }

    [Fact]
    public async Task An_nkey_seed_against_a_server_without_nonce_fails_with_a_clear_connection_error()
    {
        using var user = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var connection = new NatsConnection(Opts(server) with { NKeySeed = user.Seed });

        var ex = await Should.ThrowAsync<NatsConnectionException>(async () => await connection.ConnectAsync(Ct));

        ex.Message.ShouldContain("nonce");
    }

    [Fact]
    public async Task The_creds_file_is_read_again_on_reconnect()
    {
        using var op = NKeyPair.Create(NKeyType.Operator);
        using var oldAccount = NKeyPair.Create(NKeyType.Account);
        using var newAccount = NKeyPair.Create(NKeyType.Account);
        using var oldUser = NKeyPair.Create(NKeyType.User);
        using var newUser = NKeyPair.Create(NKeyType.User);
        var port = NatsServerProcess.FreePort();
        var credsFile = Path.Combine(_dir, "rotating.creds");
        await File.WriteAllTextAsync(credsFile, NatsJwtIssuer.CredsFile(NatsJwtIssuer.User(oldUser, oldAccount), oldUser.Seed), Ct);
        var before = await NatsServerProcess.StartAsync(
            extraConfig: ServerAcceptsSignaturesTests.OperatorModeConfig(op, oldAccount), port: port, cancellationToken: Ct);
        await using var connection = new NatsConnection(Opts(before) with
        {
            CredsFile = credsFile,
            ReconnectWait = TimeSpan.FromMilliseconds(50),
            ReconnectJitter = TimeSpan.Zero,
            MaxReconnectAttempts = -1,
        });
        await connection.ConnectAsync(Ct);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawReconnecting = false;
        connection.StateChanged += (_, _) =>
        {
            if (connection.State == NatsConnectionState.Reconnecting) sawReconnecting = true;
            if (sawReconnecting && connection.State == NatsConnectionState.Connected) reconnected.TrySetResult();
        };

        // The new server trusts only the new account, so only the rewritten file can get back in.
        await File.WriteAllTextAsync(credsFile, NatsJwtIssuer.CredsFile(NatsJwtIssuer.User(newUser, newAccount), newUser.Seed), Ct);
        await before.DisposeAsync();
        await using var after = await NatsServerProcess.StartAsync(
            extraConfig: ServerAcceptsSignaturesTests.OperatorModeConfig(op, newAccount), port: port, cancellationToken: Ct);
        await Task.WhenAny(reconnected.Task, Task.Delay(TimeSpan.FromSeconds(15), Ct));

        connection.State.ShouldBe(NatsConnectionState.Connected, after.Log);
        await connection.PingAsync(Ct);
        CountAuthFailures(after.Log).ShouldBe(0);
    }

    internal static int CountAuthFailures(string serverLog) =>
        serverLog.Split('\n').Count(l => l.Contains("authentication error", StringComparison.OrdinalIgnoreCase));

    private static async Task AssertConnectsAndRoundTripsAsync(NatsOpts opts)
    {
        await using var connection = new NatsConnection(opts);
        await connection.ConnectAsync(Ct);
        connection.State.ShouldBe(NatsConnectionState.Connected);

        await using var sub = await connection.SubscribeAsync("auth.echo", cancellationToken: Ct);
        await connection.PublishAsync("auth.echo", "hello"u8.ToArray(), cancellationToken: Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var msg = await sub.Messages.ReadAsync(timeout.Token);
        msg.Data.ToArray().ShouldBe("hello"u8.ToArray());
    }
}

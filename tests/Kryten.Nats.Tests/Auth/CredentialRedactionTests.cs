using Kryten.Nats.Auth;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

/// <summary>
/// Passwords, tokens, seeds and JWTs never show up in <see cref="NatsOpts.ToString"/>, in exception messages
/// (the whole inner chain) or in log lines, whether the connect succeeds, is refused, or the secret is malformed.
/// </summary>
public sealed class CredentialRedactionTests : IDisposable
{
    private const string Password = "pw-SECRET-0001";
    private const string Token = "tok-SECRET-0002";
    private const string UrlPassword = "urlpw-SECRET-0003";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-redact-" + Guid.NewGuid().ToString("N"));
    private readonly NKeyPair _operator = NKeyPair.Create(NKeyType.Operator);
    private readonly NKeyPair _account = NKeyPair.Create(NKeyType.Account);
    private readonly NKeyPair _user = NKeyPair.Create(NKeyType.User);
    private readonly CapturingLoggerFactory _logs = new();

    public CredentialRedactionTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        _operator.Dispose();
        _account.Dispose();
        _user.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string UserJwt => NatsJwtIssuer.User(_user, _account);

    private IEnumerable<string> Secrets()
    {
        var jwt = UserJwt;
        yield return Password;
        yield return Token;
        yield return UrlPassword;
        yield return _user.Seed;
        yield return _user.Seed[4..24];
        yield return jwt;
        yield return jwt.Split('.')[1][10..40];
        yield return jwt.Split('.')[2][..30];
    }

    [Fact]
    public void NatsOpts_ToString_redacts_every_secret_including_URL_passwords()
    {
        var opts = NatsOpts.Default with
        {
            Servers = [$"nats://bot:{UrlPassword}@127.0.0.1:4222", "nats://127.0.0.1:4223"],
            Username = "bot",
            Password = Password,
            Token = Token,
            NKeySeed = _user.Seed,
            Jwt = UserJwt,
            CredsFile = "/etc/kryten/bot.creds",
            Tls = new NatsTlsOpts { CaFile = "ca.pem", CertFile = "c.pem", KeyFile = "k.pem" },
        };

        var text = opts.ToString();

        AssertNoSecret(text);
        text.ShouldContain("bot");
        text.ShouldContain("/etc/kryten/bot.creds");
    }

    [Fact]
    public async Task Refused_connects_leak_no_secret_into_exceptions_or_logs()
    {
        await using var passwordServer = await NatsServerProcess.StartAsync(
            extraConfig: "authorization { user: bot, password: \"another-pw\" }", cancellationToken: Ct);
        // The operator trusts a different account than the one that issued the user, so the user is refused.
        using var trustedAccount = NKeyPair.Create(NKeyType.Account);
        await using var operatorServer = await NatsServerProcess.StartAsync(
            extraConfig: ServerAcceptsSignaturesTests.OperatorModeConfig(_operator, trustedAccount), cancellationToken: Ct);
        var credsFile = Path.Combine(_dir, "user.creds");
        await File.WriteAllTextAsync(credsFile, NatsJwtIssuer.CredsFile(UserJwt, _user.Seed), Ct);

        var attempts = new[]
        {
            Opts(passwordServer) with { Username = "bot", Password = Password },
            Opts(passwordServer) with { Servers = [$"nats://bot:{UrlPassword}@127.0.0.1:{passwordServer.Port}"] },
            Opts(passwordServer) with { Token = Token },
            Opts(operatorServer) with { CredsFile = credsFile },
            Opts(operatorServer) with { Jwt = UserJwt, NKeySeed = _user.Seed },
        };

        foreach (var opts in attempts)
        {
            var ex = await ConnectFailureAsync(opts);
            ex.ShouldBeAssignableTo<NatsException>();
            AssertNoSecret(ex);
        }

        _logs.Lines.ShouldNotBeEmpty();
        AssertNoSecret(string.Join("\n", _logs.Lines));
    }

    [Fact]
    public async Task Malformed_seeds_and_creds_files_fail_without_echoing_them()
    {
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: $"authorization {{ users: [ {{ nkey: {_user.PublicKey} }} ] }}", cancellationToken: Ct);
        var corruptedSeed = _user.Seed[..^3] + (_user.Seed[^3] == 'A' ? "B" : "A") + _user.Seed[^2..];
        var badCreds = Path.Combine(_dir, "bad.creds");
        await File.WriteAllTextAsync(badCreds, $"-----BEGIN NATS USER JWT-----\n{UserJwt}\n------END NATS USER JWT------\n-----BEGIN USER NKEY SEED-----\n{_user.Seed[..^1]}!\n------END------\n", Ct);

        var seedFailure = await ConnectFailureAsync(Opts(server) with { NKeySeed = corruptedSeed });
        var credsFailure = await ConnectFailureAsync(Opts(server) with { CredsFile = badCreds });

        AssertNoSecret(seedFailure);
        seedFailure.ToString().ShouldNotContain(corruptedSeed[4..24]);
        AssertNoSecret(credsFailure);
        AssertNoSecret(string.Join("\n", _logs.Lines));
    }

    [Fact]
    public async Task A_successful_authenticated_session_logs_no_secret()
    {
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: $"authorization {{ users: [ {{ user: bot, password: \"{Password}\" }}, {{ nkey: {_user.PublicKey} }} ] }}",
            cancellationToken: Ct);

        foreach (var opts in new[] { Opts(server) with { Username = "bot", Password = Password }, Opts(server) with { NKeySeed = _user.Seed } })
        {
            await using var connection = new NatsConnection(opts);
            await connection.ConnectAsync(Ct);
            await connection.PingAsync(Ct);
            connection.State.ShouldBe(NatsConnectionState.Connected);
        }

        _logs.Lines.ShouldNotBeEmpty();
        AssertNoSecret(string.Join("\n", _logs.Lines));
    }

    private NatsOpts Opts(NatsServerProcess server) => NatsOpts.Default with
    {
        Servers = [server.Url],
        LoggerFactory = _logs,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<Exception> ConnectFailureAsync(NatsOpts opts)
    {
        await using var connection = new NatsConnection(opts);
        return await Should.ThrowAsync<Exception>(async () => await connection.ConnectAsync(Ct));
    }

    private void AssertNoSecret(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            AssertNoSecret(e.Message);
        }

        AssertNoSecret(ex.ToString());
    }

    private void AssertNoSecret(string text)
    {
        foreach (var secret in Secrets())
        {
            text.ShouldNotContain(secret, Case.Sensitive);
        }
    }
}

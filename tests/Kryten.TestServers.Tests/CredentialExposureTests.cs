using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>Where NATS.Net 3.3.2 shows credentials and where it does not: what the SDK must redact itself.</summary>
public sealed class CredentialExposureTests : IDisposable
{
    private const string UrlPassword = "urlpw-SECRET-0001";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-secrets-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The option records use the compiler's record ToString: every secret, and a password in the URL, in clear.</summary>
    [Fact]
    public void NatsOpts_ToString_prints_every_secret()
    {
        var opts = Opts($"nats://bot:{UrlPassword}@127.0.0.1:4222") with
        {
            AuthOpts = NatsAuthOpts.Default with { Password = "pw-SECRET", Token = "tok-SECRET", Jwt = "jwt-SECRET", Seed = "seed-SECRET" },
        };

        var text = opts.ToString();

        foreach (var secret in new[] { UrlPassword, "pw-SECRET", "tok-SECRET", "jwt-SECRET", "seed-SECRET" }) text.ShouldContain(secret);
    }

    /// <summary>
    /// Refused connects, with wrong credentials of each mode or a password in the URL, leave no secret in the exception
    /// chain or in NATS.Net's log at any level (down to Trace); a URL password is shown as <c>***</c>.
    /// </summary>
    [Fact]
    public async Task Refused_connects_leave_no_secret_in_exceptions_or_NATS_Net_logs()
    {
        var logs = new CapturingLoggerFactory();
        var secrets = new List<string> { UrlPassword };
        var exceptions = new List<Exception>();
        foreach (var mode in Enum.GetValues<NatsAuthMode>())
        {
            var setup = NatsAuthSetups.Create(mode, _dir);
            secrets.AddRange(SecretsOf(setup.WrongCredentials));
            await using var server = await NatsServerProcess.StartAsync(extraConfig: setup.ServerConfig, cancellationToken: Ct);
            exceptions.Add(await ConnectFailureAsync(Opts(server.Url) with { AuthOpts = AuthOpts(setup.WrongCredentials), LoggerFactory = logs }));
        }

        var passwordSetup = NatsAuthSetups.UserPassword();
        await using var passwordServer = await NatsServerProcess.StartAsync(extraConfig: passwordSetup.ServerConfig, cancellationToken: Ct);
        var urlWithPassword = $"nats://{NatsAuthSetups.Username}:{UrlPassword}@127.0.0.1:{passwordServer.Port}";
        var urlFailure = await ConnectFailureAsync(Opts(urlWithPassword) with { LoggerFactory = logs });
        exceptions.Add(urlFailure);

        urlFailure.Message.ShouldBe($"can not start to connect nats server: nats://{NatsAuthSetups.Username}:***@127.0.0.1:{passwordServer.Port}");
        logs.Lines.ShouldNotBeEmpty();
        var text = string.Join("\n", exceptions.Select(e => e.ToString()).Concat(logs.Lines));
        foreach (var secret in secrets) text.ShouldNotContain(secret, Case.Sensitive);
    }

    /// <summary>The password, token and seed, and for a creds file the JWT and seed it holds.</summary>
    private static IEnumerable<string> SecretsOf(NatsClientCredentials credentials)
    {
        foreach (var secret in new[] { credentials.Password, credentials.Token, credentials.NKeySeed })
        {
            if (secret is not null) yield return secret;
        }

        if (credentials.CredsFile is null) yield break;
        var lines = File.ReadAllLines(credentials.CredsFile);
        yield return lines[Array.IndexOf(lines, "-----BEGIN NATS USER JWT-----") + 1];
        yield return lines[Array.IndexOf(lines, "-----BEGIN USER NKEY SEED-----") + 1];
    }
}

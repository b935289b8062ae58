using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>
/// Every way to authenticate and encrypt, configured through <see cref="KrytenOptions.Nats"/> only, against real
/// nats-server processes: each works end to end, each mistake gives a typed error that says what to fix, and no secret
/// reaches an exception, a log line or <c>ToString()</c>.
/// </summary>
public sealed class AuthAndTlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kryten-auth-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<NatsAuthMode> Modes => [NatsAuthMode.UserPassword, NatsAuthMode.Token, NatsAuthMode.NKey, NatsAuthMode.Operator];

    private static KrytenOptions Options(string url, NatsClientCredentials credentials)
    {
        var options = TestClients.Options("420Grindhouse");
        options.Nats.Servers = [url];
        options.Nats.ConnectAttempts = 1;
        options.Nats.ConnectTimeout = TimeSpan.FromSeconds(10);
        options.Nats.User = credentials.Username;
        options.Nats.Password = credentials.Password;
        options.Nats.Token = credentials.Token;
        // The seed alone, as a user has it: the client derives the public key the server looks the user up by.
        options.Nats.NKeySeed = credentials.NKeySeed;
        options.Nats.CredsFile = credentials.CredsFile;
        return options;
    }

    private static IEnumerable<string> Secrets(NatsClientCredentials c) =>
        new[] { c.Password, c.Token, c.NKeySeed }.OfType<string>()
            .Concat(c.CredsFile is null ? [] : File.ReadAllLines(c.CredsFile).Where(l => l.StartsWith("SU", StringComparison.Ordinal) || l.StartsWith("eyJ", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Each_auth_mode_works_through_the_options(NatsAuthMode mode)
    {
        var setup = NatsAuthSetups.Create(mode, _dir);
        await using var server = await NatsServerProcess.StartAsync(setup.ServerConfig, jetStream: mode == NatsAuthMode.Operator, cancellationToken: Ct);
        var logs = new CapturingLoggerFactory();
        var options = Options(server.Url, setup.Credentials);
        await using var client = new KrytenClient(options, logs);
        var got = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);

        await client.ConnectAsync(Ct);
        await using var echo = await client.SubscribeAsync("it.auth", (m, _) => { got.TrySetResult(m.Data.ToArray()); return default; }, Ct);
        await client.PublishAsync("it.auth", "hello"u8.ToArray(), Ct);

        (await got.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct)).ShouldBe("hello"u8.ToArray());
        var text = string.Join("\n", logs.Lines) + options + options.Nats + client.Health();
        Secrets(setup.Credentials).ShouldAllBe(secret => !text.Contains(secret, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Wrong_credentials_fail_with_a_typed_error_that_names_the_options_and_no_secret(NatsAuthMode mode)
    {
        var setup = NatsAuthSetups.Create(mode, _dir);
        await using var server = await NatsServerProcess.StartAsync(setup.ServerConfig, jetStream: mode == NatsAuthMode.Operator, cancellationToken: Ct);
        var logs = new CapturingLoggerFactory();
        var options = Options(server.Url, setup.WrongCredentials);
        await using var client = new KrytenClient(options, logs);

        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));

        e.Message.ShouldContain("refused the credentials");
        e.Message.ShouldContain("nats.user/nats.password, nats.token, nats.nkeySeed or nats.credsFile");
        var text = e.ToString() + string.Join("\n", logs.Lines) + options;
        Secrets(setup.WrongCredentials).ShouldAllBe(secret => !text.Contains(secret, StringComparison.Ordinal));
        client.State.ShouldBe(KrytenConnectionState.Disconnected);
    }

    [Fact]
    public async Task TLS_with_the_servers_CA_works_and_an_untrusted_certificate_names_the_CA_option()
    {
        var certificates = TestCertificates.Create(_dir);
        await using var server = await NatsServerProcess.StartAsync(certificates.TlsRequiredConfig, cancellationToken: Ct);
        var options = Options(server.Url, new NatsClientCredentials());
        options.Nats.TlsCaFile = certificates.CaFile;
        await using (var client = new KrytenClient(options))
        {
            await client.ConnectAsync(Ct);
            client.IsConnected.ShouldBeTrue();
        }

        var untrusted = Options(server.Url, new NatsClientCredentials());
        untrusted.Nats.TlsCaFile = certificates.UnrelatedCaFile;
        var logs = new CapturingLoggerFactory();
        await using var refused = new KrytenClient(untrusted, logs);
        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await refused.ConnectAsync(Ct));
        e.Message.ShouldContain("the NATS server's TLS certificate is not trusted (");
        e.Message.ShouldEndWith("); check nats.tlsCaFile (the CA that signed the server's certificate)");
        // The option it names is the real one: nats.tlsCaFile in a file is Nats.TlsCaFile in code.
        KrytenOptionsLoader.FromYaml($"nats:\n  tlsCaFile: {certificates.CaFile}\n").Nats.TlsCaFile.ShouldBe(certificates.CaFile);
        // The attempt's warning says the same, and no stack trace is logged above Debug.
        var entries = logs.Entries;
        entries.ShouldContain(l => l.Level == LogLevel.Warning && l.Message.EndsWith("check nats.tlsCaFile (the CA that signed the server's certificate)", StringComparison.Ordinal));
        entries.Where(l => l.Level > LogLevel.Debug && l.Exception != null).ShouldBeEmpty();
    }

    [Fact]
    public async Task Mutual_TLS_works_with_a_client_certificate_and_names_the_certificate_options_without_one()
    {
        var certificates = TestCertificates.Create(_dir);
        await using var server = await NatsServerProcess.StartAsync(certificates.MutualTlsConfig, cancellationToken: Ct);
        var options = Options(server.Url, new NatsClientCredentials());
        options.Nats.TlsCaFile = certificates.CaFile;
        options.Nats.TlsCertFile = certificates.ClientCertFile;
        options.Nats.TlsKeyFile = certificates.ClientKeyFile;
        await using (var client = new KrytenClient(options))
        {
            await client.ConnectAsync(Ct);
            client.IsConnected.ShouldBeTrue();
        }

        var foreign = Options(server.Url, new NatsClientCredentials());
        foreign.Nats.TlsCaFile = certificates.CaFile;
        foreign.Nats.TlsCertFile = certificates.UnrelatedClientCertFile;
        foreign.Nats.TlsKeyFile = certificates.UnrelatedClientKeyFile;
        await using var refused = new KrytenClient(foreign);
        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await refused.ConnectAsync(Ct));
        e.Message.ShouldContain("refused the client certificate");
        e.Message.ShouldContain("nats.tlsCertFile");
    }

    [Fact]
    public async Task Configured_TLS_is_required_and_a_plaintext_server_is_refused()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        var certificates = TestCertificates.Create(_dir);
        var options = Options(server.Url, new NatsClientCredentials());
        options.Nats.TlsCaFile = certificates.CaFile;
        await using var client = new KrytenClient(options);

        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));
        e.Message.ShouldContain("does not offer it");
    }

    [Fact]
    public async Task No_server_names_the_servers_option()
    {
        var options = Options($"nats://127.0.0.1:{NatsServerProcess.FreePort()}", new NatsClientCredentials());
        await using var client = new KrytenClient(options);
        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));
        e.Message.ShouldContain("nats.servers");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Tls;

/// <summary>
/// NatsConnection against a TLS nats-server with a PKI generated per test: the server is verified against the
/// configured CA and host name, client certificates work, and verification is skipped only when asked.
/// </summary>
public sealed class TlsConnectTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-tls-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestCertificates Pki(string name, string[]? serverNames = null) =>
        TestCertificates.Create(Path.Combine(_dir, name), name, serverNames);

    private static NatsOpts Opts(NatsServerProcess server, NatsTlsOpts? tls) => NatsOpts.Default with
    {
        Servers = [server.Url],
        Tls = tls,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task The_server_is_verified_against_the_configured_CA()
    {
        var pki = Pki("good");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(), cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server, new NatsTlsOpts { CaFile = pki.CaFile }));
    }

    [Fact]
    public async Task A_tls_URL_scheme_connects_the_same_way()
    {
        var pki = Pki("scheme");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(), cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server, new NatsTlsOpts { CaFile = pki.CaFile }) with
        {
            Servers = [$"tls://127.0.0.1:{server.Port}"],
        });
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_refused_with_a_certificate_error()
    {
        var serverPki = Pki("server-side");
        var otherPki = Pki("other");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: serverPki.ServerTlsBlock(), cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server, new NatsTlsOpts { CaFile = otherPki.CaFile }));

        ex.ShouldBeAssignableTo<NatsException>();
        ex.Message.ShouldContain("certificate", Case.Insensitive);
    }

    [Fact]
    public async Task A_server_certificate_for_another_host_name_is_refused()
    {
        var pki = Pki("misnamed", serverNames: ["nats.example.test"]);
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(), cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server, new NatsTlsOpts { CaFile = pki.CaFile }));

        ex.ShouldBeAssignableTo<NatsException>();
        ex.Message.ShouldContain("certificate", Case.Insensitive);
    }

    [Fact]
    public async Task A_server_that_requires_TLS_is_upgraded_to_and_verified_even_without_TLS_options()
    {
        var pki = Pki("implicit");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(), cancellationToken: Ct);

        // The generated CA is in no system store, so an upgrade that verifies must fail; a plaintext CONNECT would
        // instead be dropped by the server without a certificate error.
        var ex = await ConnectFailureAsync(Opts(server, tls: null));

        ex.ShouldBeAssignableTo<NatsException>();
        ex.Message.ShouldContain("certificate", Case.Insensitive);
    }

    [Fact]
    public async Task InsecureSkipVerify_connects_to_an_untrusted_server_only_because_it_is_set()
    {
        var pki = Pki("insecure");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(), cancellationToken: Ct);

        new NatsTlsOpts().InsecureSkipVerify.ShouldBeFalse();
        await AssertConnectsAndRoundTripsAsync(Opts(server, new NatsTlsOpts { InsecureSkipVerify = true }));
    }

    [Fact]
    public async Task A_client_certificate_satisfies_a_server_that_verifies_clients()
    {
        var pki = Pki("mutual");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(verifyClients: true), cancellationToken: Ct);

        await AssertConnectsAndRoundTripsAsync(Opts(server, new NatsTlsOpts
        {
            CaFile = pki.CaFile, CertFile = pki.ClientCertFile, KeyFile = pki.ClientKeyFile,
        }));
    }

    [Fact]
    public async Task Without_a_client_certificate_a_server_that_verifies_clients_refuses_the_connection()
    {
        var pki = Pki("mutual-missing");
        await using var server = await NatsServerProcess.StartAsync(extraConfig: pki.ServerTlsBlock(verifyClients: true), cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server, new NatsTlsOpts { CaFile = pki.CaFile }));

        ex.ShouldBeAssignableTo<NatsException>();
    }

    [Fact]
    public async Task Asking_for_TLS_from_a_plaintext_server_fails_instead_of_sending_credentials_in_clear()
    {
        var pki = Pki("plain");
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server, new NatsTlsOpts { CaFile = pki.CaFile }) with { Password = "pw", Username = "u" });

        ex.ShouldBeAssignableTo<NatsException>();
        ex.Message.ShouldContain("TLS", Case.Insensitive);
    }

    private static async Task<Exception> ConnectFailureAsync(NatsOpts opts)
    {
        await using var connection = new NatsConnection(opts);
        var ex = await Should.ThrowAsync<Exception>(async () => await connection.ConnectAsync(Ct));
        connection.State.ShouldNotBe(NatsConnectionState.Connected);
        return ex;
    }

    private static async Task AssertConnectsAndRoundTripsAsync(NatsOpts opts)
    {
        await using var connection = new NatsConnection(opts);
        await connection.ConnectAsync(Ct);
        connection.State.ShouldBe(NatsConnectionState.Connected);

        await using var sub = await connection.SubscribeAsync("tls.echo", cancellationToken: Ct);
        await connection.PublishAsync("tls.echo", "over tls"u8.ToArray(), cancellationToken: Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var msg = await sub.Messages.ReadAsync(timeout.Token);
        msg.Data.ToArray().ShouldBe("over tls"u8.ToArray());
    }
}

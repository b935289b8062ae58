using System.Security.Authentication;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary><see cref="TestCertificates"/> against NATS.Net: TLS with the CA, mutual TLS, and the certificates neither side trusts.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-tls-" + Guid.NewGuid().ToString("N"));
    private readonly TestCertificates _pki;

    public TlsTests() => _pki = TestCertificates.Create(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NatsOpts TlsOpts(string url, NatsTlsOpts tls) => Opts(url) with { TlsOpts = tls };

    private NatsTlsOpts TrustingTheCa => new() { Mode = TlsMode.Require, CaFile = _pki.CaFile };

    [Fact]
    public async Task TLS_required_connects_when_the_client_trusts_the_CA()
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: _pki.TlsRequiredConfig, cancellationToken: Ct);

        await AssertRoundTripAsync(TlsOpts(server.Url, TrustingTheCa));
    }

    [Fact]
    public async Task A_server_certificate_from_an_unrelated_CA_fails_the_connect()
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: _pki.TlsRequiredConfig, cancellationToken: Ct);

        var ex = await ConnectFailureAsync(TlsOpts(server.Url, new NatsTlsOpts { Mode = TlsMode.Require, CaFile = _pki.UnrelatedCaFile }));

        AssertTlsAuthenticationFailed(ex, server, "The remote certificate was rejected by the provided RemoteCertificateValidationCallback.");
    }

    [Fact]
    public async Task Without_TLS_options_a_TLS_server_is_upgraded_to_and_its_untrusted_certificate_fails_the_connect()
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: _pki.TlsRequiredConfig, cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server.Url));

        AssertTlsAuthenticationFailed(ex, server, "The remote certificate is invalid because of errors in the certificate chain: PartialChain");
    }

    [Fact]
    public async Task Mutual_TLS_connects_with_a_client_certificate_signed_by_the_CA()
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: _pki.MutualTlsConfig, cancellationToken: Ct);

        await AssertRoundTripAsync(TlsOpts(server.Url, TrustingTheCa with { CertFile = _pki.ClientCertFile, KeyFile = _pki.ClientKeyFile }));
    }

    [Fact]
    public async Task Mutual_TLS_without_a_client_certificate_fails_the_connect()
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: _pki.MutualTlsConfig, cancellationToken: Ct);

        var ex = await ConnectFailureAsync(TlsOpts(server.Url, TrustingTheCa));

        AssertRefusedByTheServerAfterTheHandshake(ex, server);
    }

    [Fact]
    public async Task Mutual_TLS_with_a_client_certificate_from_an_unrelated_CA_fails_the_connect()
    {
        await using var server = await NatsServerProcess.StartAsync(extraConfig: _pki.MutualTlsConfig, cancellationToken: Ct);

        var ex = await ConnectFailureAsync(TlsOpts(server.Url, TrustingTheCa with { CertFile = _pki.UnrelatedClientCertFile, KeyFile = _pki.UnrelatedClientKeyFile }));

        AssertRefusedByTheServerAfterTheHandshake(ex, server);
    }

    [Fact]
    public async Task TLS_required_by_the_client_fails_against_a_plaintext_server()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);

        var ex = await ConnectFailureAsync(TlsOpts(server.Url, TrustingTheCa));

        AssertHandshakeFailed(ex, server.Url).ShouldBeOfType<NatsException>()
            .Message.ShouldBe($"Server {server.Url} does not support TLS but TlsMode is set to Require");
    }

    /// <summary>The client refused the server certificate: SslStream's AuthenticationException in NATS.Net's wrapper.</summary>
    private static void AssertTlsAuthenticationFailed(Exception ex, NatsServerProcess server, string reason)
    {
        var tls = AssertHandshakeFailed(ex, server.Url).ShouldBeOfType<NatsException>();
        tls.Message.ShouldBe("TLS authentication failed");
        tls.InnerException.ShouldBeOfType<AuthenticationException>().Message.ShouldBe(reason);
    }

    /// <summary>
    /// The server refused the client certificate. Under TLS 1.3 the client finishes its handshake first, so the
    /// refusal arrives as the server's "bad certificate" alert on the first read: an IOException under NATS.Net's
    /// internal SocketClosedException, not an AuthenticationException.
    /// </summary>
    private static void AssertRefusedByTheServerAfterTheHandshake(Exception ex, NatsServerProcess server)
    {
        var closed = AssertHandshakeFailed(ex, server.Url);
        closed.GetType().FullName.ShouldBe("NATS.Client.Core.Internal.SocketClosedException");
        closed.InnerException.ShouldBeOfType<IOException>();
        ex.ToString().ShouldContain("bad certificate");
    }
}

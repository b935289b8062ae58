using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Tls;

/// <summary>
/// Guards the test PKI itself (so a failing client TLS test points at the client): nats-server loads the generated
/// PEM files and a plain SslStream that trusts only the generated CA completes the handshake after the plaintext INFO.
/// </summary>
public sealed class TestCertificatesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-tls-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_generated_server_certificate_chains_to_the_generated_CA_for_127_0_0_1()
    {
        var certs = TestCertificates.Create(_dir);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: certs.ServerTlsBlock(verifyClients: true), cancellationToken: TestContext.Current.CancellationToken);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(certs.CaFile));
        using var clientCert = X509Certificate2.CreateFromPemFile(certs.ClientCertFile, certs.ClientKeyFile);
        SslPolicyErrors? seen = null;

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var info = await ReadLineAsync(stream);
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = [clientCert],
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            },
            RemoteCertificateValidationCallback = (_, _, _, errors) =>
            {
                seen = errors;
                return errors == SslPolicyErrors.None;
            },
        }, TestContext.Current.CancellationToken);
        await ssl.WriteAsync("CONNECT {\"verbose\":false}\r\nPING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var reply = await ReadLineAsync(ssl);

        info.ShouldContain("\"tls_required\":true");
        seen.ShouldBe(SslPolicyErrors.None);
        reply.ShouldBe("PONG");
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (line.Length < 64 * 1024 && await stream.ReadAsync(one, timeout.Token) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}

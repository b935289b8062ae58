using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kryten.Nats.Tests.Tls;

/// <summary>
/// A throw-away PKI written as PEM files into a directory: a CA, a server certificate for 127.0.0.1/localhost and a
/// client certificate, all signed by that CA. <see cref="Create"/> a second one to get an unrelated ("wrong") CA.
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }
    public string CaFile => Path.Combine(Directory, "ca.pem");
    public string ServerCertFile => Path.Combine(Directory, "server.pem");
    public string ServerKeyFile => Path.Combine(Directory, "server-key.pem");
    public string ClientCertFile => Path.Combine(Directory, "client.pem");
    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");

    /// <param name="serverNames">DNS names for the server certificate; null gives 127.0.0.1 and localhost.</param>
    public static TestCertificates Create(string directory, string name = "kryten-test", string[]? serverNames = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var certs = new TestCertificates(directory);
        var now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));
        File.WriteAllText(certs.CaFile, ca.ExportCertificatePem());

        var serverSan = new SubjectAlternativeNameBuilder();
        if (serverNames is null)
        {
            serverSan.AddIpAddress(IPAddress.Loopback);
            serverSan.AddDnsName("localhost");
        }
        else
        {
            foreach (var serverName in serverNames)
            {
                serverSan.AddDnsName(serverName);
            }
        }

        Issue(ca, $"CN={name} server", serverSan, "1.3.6.1.5.5.7.3.1", certs.ServerCertFile, certs.ServerKeyFile, now);

        var clientSan = new SubjectAlternativeNameBuilder();
        clientSan.AddDnsName("kryten-client");
        Issue(ca, $"CN={name} client", clientSan, "1.3.6.1.5.5.7.3.2", certs.ClientCertFile, certs.ClientKeyFile, now);
        return certs;
    }

    /// <summary>The nats-server <c>tls { }</c> block; <paramref name="verifyClients"/> demands client certificates.</summary>
    public string ServerTlsBlock(bool verifyClients = false) => $$"""
        tls {
          cert_file: "{{ServerCertFile}}"
          key_file: "{{ServerKeyFile}}"
          ca_file: "{{CaFile}}"
          verify: {{(verifyClients ? "true" : "false")}}
          timeout: 10
        }
        """;

    private static void Issue(
        X509Certificate2 ca, string subject, SubjectAlternativeNameBuilder san, string usageOid,
        string certFile, string keyFile, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var cert = request.Create(ca, now.AddHours(-1), now.AddDays(1), serial);
        File.WriteAllText(certFile, cert.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}

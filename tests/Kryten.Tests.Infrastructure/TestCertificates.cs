using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// A throw-away PKI written as PEM files into a directory: a CA, a server certificate for 127.0.0.1/localhost and a
/// client certificate, both signed by that CA, and an unrelated CA with a client certificate of its own (what
/// neither side should trust). ECDSA P-256 keeps generation fast on a small machine.
/// </summary>
public sealed class TestCertificates
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }
    public string CaFile => Path.Combine(Directory, "ca.pem");
    public string ServerCertFile => Path.Combine(Directory, "server.pem");
    public string ServerKeyFile => Path.Combine(Directory, "server-key.pem");
    public string ClientCertFile => Path.Combine(Directory, "client.pem");
    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");
    public string UnrelatedCaFile => Path.Combine(Directory, "unrelated-ca.pem");
    public string UnrelatedClientCertFile => Path.Combine(Directory, "unrelated-client.pem");
    public string UnrelatedClientKeyFile => Path.Combine(Directory, "unrelated-client-key.pem");

    /// <summary>Server config: clients must speak TLS; no client certificate is asked for.</summary>
    public string TlsRequiredConfig => ServerTlsBlock(verifyClients: false);

    /// <summary>Server config: mutual TLS, clients must present a certificate signed by <see cref="CaFile"/>.</summary>
    public string MutualTlsConfig => ServerTlsBlock(verifyClients: true);

    /// <param name="serverNames">DNS names for the server certificate; null gives 127.0.0.1 and localhost.</param>
    public static TestCertificates Create(string directory, string name = "kryten-test", string[]? serverNames = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var certs = new TestCertificates(directory);
        var now = DateTimeOffset.UtcNow;

        using var ca = CreateCa($"CN={name} CA", certs.CaFile, now);
        Issue(ca, $"CN={name} server", ServerNames(serverNames), "1.3.6.1.5.5.7.3.1", certs.ServerCertFile, certs.ServerKeyFile, now);
        Issue(ca, $"CN={name} client", ClientNames(), "1.3.6.1.5.5.7.3.2", certs.ClientCertFile, certs.ClientKeyFile, now);

        using var unrelated = CreateCa($"CN={name} unrelated CA", certs.UnrelatedCaFile, now);
        Issue(unrelated, $"CN={name} unrelated client", ClientNames(), "1.3.6.1.5.5.7.3.2", certs.UnrelatedClientCertFile, certs.UnrelatedClientKeyFile, now);
        return certs;
    }

    // nats-server's tls timeout defaults to 0.5 s, which a loaded 2-core machine can miss during a handshake.
    private string ServerTlsBlock(bool verifyClients) => $$"""
        tls {
          cert_file: "{{ServerCertFile}}"
          key_file: "{{ServerKeyFile}}"
          ca_file: "{{CaFile}}"
          verify: {{(verifyClients ? "true" : "false")}}
          timeout: 10
        }
        """;

    private static SubjectAlternativeNameBuilder ServerNames(string[]? serverNames)
    {
        var san = new SubjectAlternativeNameBuilder();
        if (serverNames is null)
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        }
        else
        {
            foreach (var serverName in serverNames) san.AddDnsName(serverName);
        }

        return san;
    }

    private static SubjectAlternativeNameBuilder ClientNames()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("kryten-client");
        return san;
    }

    private static X509Certificate2 CreateCa(string subject, string certFile, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));
        File.WriteAllText(certFile, ca.ExportCertificatePem());
        return ca;
    }

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

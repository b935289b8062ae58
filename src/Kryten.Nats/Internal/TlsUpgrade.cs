using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kryten.Nats.Internal;

/// <summary>Upgrades the socket to TLS after the plaintext INFO (protocol fact sheet §8.5).</summary>
internal static class TlsUpgrade
{
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake or certificate check failed.</exception>
    public static async Task<Stream> AuthenticateAsync(Stream inner, string host, NatsTlsOpts? tls, CancellationToken cancellationToken)
    {
        var roots = tls?.CaFile is { } caFile ? LoadCa(caFile) : null;
        string? rejection = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                rejection = Validate(tls, roots, certificate, chain, errors, host);
                return rejection is null;
            },
        };
        if (tls?.CertFile is { } certFile)
        {
            var keyFile = tls.KeyFile ?? throw new NatsConnectionException("TLS CertFile is set but KeyFile is not");
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(certFile, keyFile)];
        }
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (System.Security.Authentication.AuthenticationException ex) when (rejection is not null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new NatsConnectionException($"TLS handshake with {host} failed: {rejection}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new NatsConnectionException($"TLS CA file '{path}' cannot be loaded: {ex.Message}", ex);
        }
        if (collection.Count == 0) throw new NatsConnectionException($"TLS CA file '{path}' holds no certificates");
        return collection;
    }

    /// <summary>Null when the server certificate is acceptable, otherwise why it is not.</summary>
    private static string? Validate(NatsTlsOpts? tls, X509Certificate2Collection? roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, string host)
    {
        if (tls?.InsecureSkipVerify == true) return null;
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return "the server sent no certificate";
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return $"the server certificate does not match host '{host}'";
        if (roots is null)
        {
            return errors == SslPolicyErrors.None ? null : "the server certificate does not chain to a trusted root (set Tls.CaFile for a private CA)";
        }
        if (certificate is not X509Certificate2 leaf) return "the server certificate cannot be read";
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return custom.Build(leaf) ? null : "the server certificate does not chain to the CA in Tls.CaFile";
    }
}

namespace Kryten.Nats;

/// <summary>TLS settings. The client upgrades after the server's plaintext INFO, before CONNECT.</summary>
/// <example>
/// <code>
/// var opts = NatsOpts.Default with
/// {
///     Servers = ["tls://nats.example.org:4222"],
///     Tls = new NatsTlsOpts { CaFile = "/etc/nats/ca.pem", CertFile = "client.pem", KeyFile = "client-key.pem" },
/// };
/// </code>
/// </example>
public sealed record NatsTlsOpts
{
    /// <summary>PEM file with the CA certificates to trust instead of the system store.</summary>
    /// <example><code>new NatsTlsOpts { CaFile = "ca.pem" }</code></example>
    public string? CaFile { get; init; }

    /// <summary>PEM client certificate, sent when the server asks for one.</summary>
    /// <example><code>new NatsTlsOpts { CertFile = "client.pem", KeyFile = "client-key.pem" }</code></example>
    public string? CertFile { get; init; }

    /// <summary>PEM private key of <see cref="CertFile"/>.</summary>
    /// <example><code>new NatsTlsOpts { CertFile = "client.pem", KeyFile = "client-key.pem" }</code></example>
    public string? KeyFile { get; init; }

    /// <summary>Accept any server certificate. Only for tests; never the default.</summary>
    /// <example><code>new NatsTlsOpts { InsecureSkipVerify = true }</code></example>
    public bool InsecureSkipVerify { get; init; }
}

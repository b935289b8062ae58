using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.NKeys;

namespace Kryten.Sdk.Transport;

/// <summary>
/// Every <see cref="KrytenNatsOptions"/> setting as NATS.Net's <see cref="NatsOpts"/>. Each option is honoured here or
/// does not exist: there is no Kryten option that this method drops.
/// </summary>
internal static class NatsConnectionOptions
{
    public static NatsOpts From(KrytenOptions options, ILoggerFactory loggerFactory)
    {
        var n = options.Nats;
        var tls = n.TlsCaFile is not null || n.TlsCertFile is not null || n.Servers.Any(s => s.StartsWith("tls://", StringComparison.OrdinalIgnoreCase));
        return NatsOpts.Default with
        {
            Url = string.Join(",", n.Servers),
            Name = n.Name ?? options.ServiceName,
            AuthOpts = Auth(n),
            // Configured TLS is required: NATS.Net's default only upgrades when the server offers it, which would let a
            // man in the middle downgrade the connection.
            TlsOpts = tls
                ? NatsTlsOpts.Default with { Mode = TlsMode.Require, CaFile = n.TlsCaFile, CertFile = n.TlsCertFile, KeyFile = n.TlsKeyFile }
                : NatsTlsOpts.Default,
            ConnectTimeout = n.ConnectTimeout,
            ReconnectWaitMin = n.ReconnectWait,
            ReconnectWaitMax = n.MaxReconnectWait,
            ReconnectJitter = n.ReconnectJitter,
            // NATS.Net counts failed attempts per outage across all servers, and treats 0 and -1 alike as forever.
            MaxReconnectRetry = n.MaxReconnectAttempts,
            PingInterval = n.PingInterval,
            // A publish made while disconnected waits for the reconnect; with a finite buffer time it then fails instead.
            PublishTimeoutOnDisconnected = n.ReconnectBufferTimeout != Timeout.InfiniteTimeSpan,
            CommandTimeout = n.ReconnectBufferTimeout == Timeout.InfiniteTimeSpan ? NatsOpts.Default.CommandTimeout : n.ReconnectBufferTimeout,
            RequestTimeout = options.CommandTimeout,
            // One line per failed connection attempt instead of NATS.Net's stack trace; everything else as NATS.Net logs it.
            LoggerFactory = new NatsLogFilter(loggerFactory),
        };
    }

    private static NatsAuthOpts Auth(KrytenNatsOptions n)
    {
        if (!string.IsNullOrEmpty(n.User)) return NatsAuthOpts.Default with { Username = n.User, Password = n.Password };
        if (!string.IsNullOrEmpty(n.Token)) return NatsAuthOpts.Default with { Token = n.Token };
        if (!string.IsNullOrEmpty(n.CredsFile)) return NatsAuthOpts.Default with { CredsFile = n.CredsFile };
        if (!string.IsNullOrEmpty(n.NKeySeed))
        {
            // The server looks the user up by public key, so NATS.Net needs it beside the seed that signs the nonce.
            using var pair = KeyPair.FromSeed(n.NKeySeed.AsSpan());
            return NatsAuthOpts.Default with { NKey = pair.GetPublicKey(), Seed = n.NKeySeed };
        }
        return NatsAuthOpts.Default;
    }
}

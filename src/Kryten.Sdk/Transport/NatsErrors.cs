using System.Net.Sockets;
using System.Security.Authentication;
using NATS.Client.Core;

namespace Kryten.Sdk.Transport;

/// <summary>Turns NATS.Net's failures into one line that says what went wrong and which option to look at.</summary>
internal static class NatsErrors
{
    public static string Explain(NatsException e)
    {
        var text = string.Join(": ", Chain(e).Select(x => x.Message).Distinct());
        if (Chain(e).OfType<AuthenticationException>().Any())
        {
            return $"the TLS handshake failed ({text}); check nats.tlsCaFile (the server certificate's CA) and nats.tlsCertFile/nats.tlsKeyFile";
        }
        if (text.Contains("Authorization Violation", StringComparison.OrdinalIgnoreCase) || text.Contains("authentication", StringComparison.OrdinalIgnoreCase))
        {
            return $"the NATS server refused the credentials ({text}); check nats.user/nats.password, nats.token, nats.nkeySeed or nats.credsFile";
        }
        if (Chain(e).OfType<SocketException>().Any())
        {
            return $"no NATS server could be reached ({text}); check nats.servers";
        }
        return text;
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException) yield return current;
    }
}

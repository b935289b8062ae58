using System.Security.Authentication;
using NATS.Client.Core;

namespace Kryten.Sdk.Transport;

/// <summary>
/// Turns NATS.Net's failures into one line that says what went wrong and which option to look at. NATS.Net reports
/// most connect failures as a plain <see cref="NatsException"/> whose cause is the inner exception, so the whole chain
/// is read.
/// </summary>
internal static class NatsErrors
{
    public static string Explain(Exception e)
    {
        var chain = Chain(e).ToList();
        var text = string.Join(": ", chain.Select(x => x.Message).Distinct());
        bool Says(string words) => text.Contains(words, StringComparison.OrdinalIgnoreCase);
        if (Says("Authorization Violation"))
        {
            return $"the NATS server refused the credentials ({text}); check nats.user/nats.password, nats.token, nats.nkeySeed or nats.credsFile";
        }
        if (chain.OfType<AuthenticationException>().Any())
        {
            return $"the NATS server's TLS certificate is not trusted ({text}); check nats.tlsCaFile (the CA that signed the server's certificate)";
        }
        if (Says("does not support TLS"))
        {
            return $"TLS is configured but the NATS server does not offer it ({text}); remove the tls:// scheme and nats.tlsCaFile, or enable TLS on the server";
        }
        if (chain.OfType<IOException>().Any() && Says("certificate"))
        {
            return $"the NATS server refused the client certificate ({text}); check nats.tlsCertFile and nats.tlsKeyFile";
        }
        if (Says("can not connect uris"))
        {
            return $"no NATS server could be reached ({text}); check nats.servers and that the server is running";
        }
        if (Says("failed state") || Says("Maximum connection retry"))
        {
            return $"the NATS connection gave up reconnecting ({text}); see nats.maxReconnectAttempts";
        }
        return text;
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException) yield return current;
    }
}

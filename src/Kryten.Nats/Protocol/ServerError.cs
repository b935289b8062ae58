namespace Kryten.Nats.Protocol;

/// <summary>Sorts <c>-ERR</c> texts the way the protocol docs and the Go client do.</summary>
internal enum ServerErrorKind
{
    /// <summary>The socket stays open (permissions, invalid subject, max subscriptions).</summary>
    NonFatal,

    /// <summary>Credentials were rejected or expired; fatal.</summary>
    Authorization,

    /// <summary>The server closes the socket (stale connection, limits, protocol errors).</summary>
    Fatal,
}

internal static class ServerError
{
    public static ServerErrorKind Classify(string message)
    {
        if (message.StartsWith("Permissions Violation", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("Invalid Subject", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("Invalid Publish Subject", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("maximum subscriptions exceeded", StringComparison.OrdinalIgnoreCase))
            return ServerErrorKind.NonFatal;
        if (message.Contains("Authorization Violation", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Authentication Timeout", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Authentication Expired", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Authentication Revoked", StringComparison.OrdinalIgnoreCase))
            return ServerErrorKind.Authorization;
        return ServerErrorKind.Fatal;
    }

    public static NatsException ToException(string message) => Classify(message) switch
    {
        ServerErrorKind.Authorization => new NatsAuthorizationException(message),
        _ when message.Contains("Stale Connection", StringComparison.OrdinalIgnoreCase)
            || message.Contains("maximum connections exceeded", StringComparison.OrdinalIgnoreCase)
            => new NatsConnectionException("server closed the connection: " + message),
        _ => new NatsProtocolException("server reported: " + message),
    };
}

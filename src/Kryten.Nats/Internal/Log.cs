using Microsoft.Extensions.Logging;

namespace Kryten.Nats.Internal;

/// <summary>Source-generated log messages. None of them carries credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Connected to {Server} ({ServerName}, version {Version})")]
    public static partial void Connected(ILogger logger, string server, string serverName, string version);

    [LoggerMessage(2, LogLevel.Warning, "Connection to {Server} lost; reconnecting")]
    public static partial void Disconnected(ILogger logger, string server, Exception? error);

    [LoggerMessage(3, LogLevel.Debug, "Connect attempt to {Server} failed")]
    public static partial void AttemptFailed(ILogger logger, string server, Exception error);

    [LoggerMessage(4, LogLevel.Information, "Reconnected to {Server}; restored {Subscriptions} subscriptions")]
    public static partial void Reconnected(ILogger logger, string server, int subscriptions);

    [LoggerMessage(5, LogLevel.Error, "Connection closed: {Reason}")]
    public static partial void Closed(ILogger logger, string reason, Exception? error);

    [LoggerMessage(6, LogLevel.Warning, "Server error: {Message}")]
    public static partial void ServerError(ILogger logger, string message);

    [LoggerMessage(7, LogLevel.Warning, "Slow consumer on {Subject} (sid {Sid}): {Dropped} messages dropped so far")]
    public static partial void SlowConsumer(ILogger logger, string subject, long sid, long dropped);

    [LoggerMessage(8, LogLevel.Information, "Server {Server} entered lame duck mode")]
    public static partial void LameDuck(ILogger logger, string server);

    [LoggerMessage(9, LogLevel.Debug, "Discovered servers; pool is now {Servers}")]
    public static partial void Discovered(ILogger logger, string servers);

    [LoggerMessage(10, LogLevel.Warning, "Event handler for {Event} threw")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception error);
}

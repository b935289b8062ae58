using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Diagnostics;

/// <summary>The log lines of the lifecycle: announcements, lifecycle messages received, stopping, chat backlog.</summary>
internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Debug, "Published {Subject}")]
    public static partial void LifecyclePublished(ILogger logger, string subject);

    [LoggerMessage(61, LogLevel.Warning, "Publishing {Subject} failed: {Reason}")]
    public static partial void LifecyclePublishFailed(ILogger logger, string subject, string reason);

    [LoggerMessage(62, LogLevel.Information, "Announcing as service {Service} {Version} on {Hostname} (heartbeat every {Interval})")]
    public static partial void ServiceAnnouncing(ILogger logger, string service, string version, string hostname, TimeSpan interval);

    [LoggerMessage(63, LogLevel.Warning, "Skipped lifecycle message on {Subject}: {Reason}")]
    public static partial void MalformedLifecycle(ILogger logger, string subject, string reason);

    [LoggerMessage(64, LogLevel.Information, "Group restart requested on {Subject}; {Handlers} handler(s) take GroupRestartNotice")]
    public static partial void GroupRestartReceived(ILogger logger, string subject, int handlers);

    [LoggerMessage(65, LogLevel.Error, "A stopping callback failed")]
    public static partial void StoppingCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(66, LogLevel.Warning, "Stopping callbacks did not finish within {Timeout}; stopping anyway")]
    public static partial void StoppingCallbacksTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(67, LogLevel.Debug, "Skipped {EventName} (correlation {CorrelationId}) on {Subject}: chat backlog (skipBacklog)")]
    public static partial void BacklogSkipped(ILogger logger, string eventName, string correlationId, string subject);
}

using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.State;

/// <summary>The robot state's log lines (source-generated). Event ids 80–89 belong to the state.</summary>
internal static partial class StateLog
{
    [LoggerMessage(80, LogLevel.Warning, "Robot state is unavailable: {Reason}. Channel state reads as failed (JetStreamUnavailable); everything else keeps working")]
    public static partial void JetStreamUnavailable(ILogger logger, string reason);

    [LoggerMessage(81, LogLevel.Information, "KV bucket {Bucket} does not exist: the bridge has not run for channel '{Channel}' yet; watching for it")]
    public static partial void BucketMissing(ILogger logger, string bucket, string channel);

    [LoggerMessage(82, LogLevel.Information, "Reading robot state of channel '{Channel}' from KV bucket {Bucket}")]
    public static partial void BucketFound(ILogger logger, string bucket, string channel);

    [LoggerMessage(83, LogLevel.Warning, "Could not read KV bucket {Bucket} of channel '{Channel}' ({Reason}): {Problem}; retrying in {Delay}")]
    public static partial void ReadFailed(ILogger logger, string bucket, string channel, KrytenStateReason reason, string problem, TimeSpan delay);

    [LoggerMessage(84, LogLevel.Warning, "Channel '{Channel}' keeps no robot state: '{Channel}' cannot be part of a KV bucket name (letters, digits, - and _ only), so the bridge has no buckets for it")]
    public static partial void InvalidChannelName(ILogger logger, string channel);

    [LoggerMessage(85, LogLevel.Warning, "Skipped {Where} of channel '{Channel}': {Problem}")]
    public static partial void Malformed(ILogger logger, string where, string channel, string problem);

    [LoggerMessage(86, LogLevel.Information, "Robot state of channel '{Channel}' loaded in {Milliseconds} ms: {Snapshot}")]
    public static partial void Loaded(ILogger logger, string channel, long milliseconds, string snapshot);

    [LoggerMessage(87, LogLevel.Information, "The bridge of channel '{Channel}' is logged in to CyTube as '{Name}'")]
    public static partial void Identified(ILogger logger, string channel, string name);

    [LoggerMessage(88, LogLevel.Debug, "Asking the bridge of channel '{Channel}' for its CyTube user failed: {Reason}")]
    public static partial void IdentityUnknown(ILogger logger, string channel, string reason);

    [LoggerMessage(89, LogLevel.Error, "A Changed handler of channel '{Channel}' state threw")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception, string channel);
}

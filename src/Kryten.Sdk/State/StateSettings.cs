using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.State;

/// <summary>What every part of a client's robot state shares: its options and logger, and the one-time JetStream warning.</summary>
internal sealed class StateSettings(KrytenOptions options, ILogger logger)
{
    private int _unavailableReported;

    public ILogger Logger => logger;

    public TimeSpan RetryInterval => options.State.RetryInterval;

    public TimeSpan ReadTimeout => options.State.ReadTimeout;

    public int MaxJsonDepth => options.MaxJsonDepth;

    /// <summary>Says once per client that there is no JetStream: every bucket of every channel would say it again.</summary>
    public void ReportUnavailable(string reason)
    {
        if (Interlocked.Exchange(ref _unavailableReported, 1) == 0) StateLog.JetStreamUnavailable(logger, reason);
    }
}

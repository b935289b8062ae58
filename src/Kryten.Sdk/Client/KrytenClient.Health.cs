namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    /// <summary>A snapshot of the client's health: state, uptime, per-channel subscriptions and counters, handler latency.</summary>
    /// <example><code>KrytenHealth health = client.Health();   // e.g. on an ASP.NET Core endpoint: app.MapGet("/health", client.Health)</code></example>
    public KrytenHealth Health()
    {
        var (mean, p99) = _metrics.HandlerLatencyMs;
        var connectedAt = _connectedAt;
        return new KrytenHealth(
            State,
            connectedAt is null ? TimeSpan.Zero : _time.GetUtcNow() - connectedAt.Value,
            _channels.Select(c => new KrytenChannelHealth(c.Channel.Domain, c.Channel.Channel, c.Subject, c.Subscribed, c.Events)).ToList(),
            _channels.Sum(c => c.Events),
            _metrics.EventsMalformed,
            _metrics.EventsDropped,
            _metrics.EventsDeadLettered,
            _metrics.CommandsSent,
            _metrics.CommandsFailed,
            _chat?.Pending ?? 0,
            _metrics.ChatNotSent,
            _metrics.HandlerErrors,
            _metrics.HandlerTimeouts,
            TimeSpan.FromMilliseconds(mean),
            TimeSpan.FromMilliseconds(p99),
            _metrics.LastEventTime(_time.GetUtcNow()),
            _dispatcher.HandlerCount,
            _bridge,
            RobotStateHealth());
    }

    private KrytenRobotStateHealth? RobotStateHealth()
    {
        if (StateRegistry() is not { } registry) return null;
        var channels = registry.Channels.Select(c => c.Snapshot).ToList();
        var parts = channels.SelectMany(s => Enum.GetValues<KrytenStatePart>().Select(p => s[p])).ToList();
        return new KrytenRobotStateHealth(
            channels.Count,
            channels.Count(s => s.IsLoaded),
            parts.Count(p => p.Status == KrytenStateStatus.Failed),
            !parts.Any(p => p.Reason == KrytenStateReason.JetStreamUnavailable));
    }

    /// <summary>Waits until no handler is queued or running (used by the testing package).</summary>
    internal Task WhenHandlersIdleAsync(TimeSpan timeout) => _invoker.WhenIdleAsync(timeout);

    /// <summary>Waits until no chat message or PM is queued (used by the testing package).</summary>
    internal Task WhenChatSentAsync(TimeSpan timeout) => _chat?.WhenIdleAsync(timeout) ?? Task.CompletedTask;
}

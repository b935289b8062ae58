using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kryten.Sdk.Hosting;

/// <summary>
/// Reports the client's real state: healthy while connected with every channel subscribed, the bridge not stopped and,
/// where the client keeps robot state, JetStream available; degraded while connecting or reconnecting, or connected
/// with any of those not so (the description says which); unhealthy when disconnected or closed. The data carries the
/// counters of <see cref="KrytenClient.Health"/>.
/// </summary>
internal sealed class KrytenHealthCheck(KrytenClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = client.Health();
        var data = new Dictionary<string, object>
        {
            ["state"] = health.State.ToString(),
            ["uptime"] = health.Uptime,
            ["channels"] = health.Channels.Count,
            ["channels_subscribed"] = health.Channels.Count(c => c.Subscribed),
            ["events_received"] = health.EventsReceived,
            ["events_malformed"] = health.EventsMalformed,
            ["events_dropped"] = health.EventsDropped,
            ["commands_failed"] = health.CommandsFailed,
            ["chat_pending"] = health.ChatPending,
            ["chat_not_sent"] = health.ChatNotSent,
            ["handler_errors"] = health.HandlerErrors,
        };
        if (health.LastEventTime is { } last) data["last_event"] = last;
        data["bridge"] = health.Bridge.Status.ToString();
        if (health.Bridge.LastSeen is { } seen) data["bridge_last_seen"] = seen;
        if (health.RobotState is { } state)
        {
            data["state_channels_loaded"] = state.ChannelsLoaded;
            data["state_parts_failed"] = state.PartsFailed;
            data["jetstream_available"] = state.JetStreamAvailable;
        }
        var problems = Problems(health);
        var result = health.State switch
        {
            KrytenConnectionState.Connected when problems.Count == 0 => HealthCheckResult.Healthy("connected", data),
            KrytenConnectionState.Connected => HealthCheckResult.Degraded("connected, but " + string.Join("; ", problems), data: data),
            KrytenConnectionState.Connecting or KrytenConnectionState.Reconnecting => new HealthCheckResult(context.Registration.FailureStatus == HealthStatus.Unhealthy ? HealthStatus.Degraded : context.Registration.FailureStatus, health.State.ToString().ToLowerInvariant(), data: data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, health.State.ToString().ToLowerInvariant(), data: data),
        };
        return Task.FromResult(result);
    }

    private static List<string> Problems(KrytenHealth health)
    {
        var problems = new List<string>();
        if (!health.Channels.All(c => c.Subscribed)) problems.Add("not every channel is subscribed");
        if (health.Bridge.Status == KrytenBridgeStatus.Stopped) problems.Add($"the bridge announced {health.Bridge.LastLifecycleEvent}");
        if (health.RobotState is { JetStreamAvailable: false }) problems.Add("JetStream is unavailable, so the robot state is not read");
        return problems;
    }
}

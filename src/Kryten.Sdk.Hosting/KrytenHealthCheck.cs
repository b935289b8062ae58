using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kryten.Sdk.Hosting;

/// <summary>
/// Reports the client's real state: healthy while connected with every channel subscribed, degraded while connecting
/// or reconnecting (or with a channel not subscribed), unhealthy when disconnected or closed. The data carries the
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
        var result = health.State switch
        {
            KrytenConnectionState.Connected when health.Channels.All(c => c.Subscribed) => HealthCheckResult.Healthy("connected", data),
            KrytenConnectionState.Connected => HealthCheckResult.Degraded("connected, but not every channel is subscribed", data: data),
            KrytenConnectionState.Connecting or KrytenConnectionState.Reconnecting => new HealthCheckResult(context.Registration.FailureStatus == HealthStatus.Unhealthy ? HealthStatus.Degraded : context.Registration.FailureStatus, health.State.ToString().ToLowerInvariant(), data: data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, health.State.ToString().ToLowerInvariant(), data: data),
        };
        return Task.FromResult(result);
    }
}

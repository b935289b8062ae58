using System.Text.Json;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Testing;

public sealed partial class InMemoryKrytenBus
{
    /// <summary>Every lifecycle message clients published (startups, heartbeats, shutdowns), in order.</summary>
    /// <example><code>bus.Lifecycle.Count(m =&gt; m.Event == "heartbeat");</code></example>
    public IReadOnlyList<RecordedLifecycle> Lifecycle =>
        _published.Where(m => m.Subject.StartsWith(KrytenWire.LifecycleSubjectPrefix + ".", StringComparison.Ordinal))
            .Select(m => new RecordedLifecycle(m.Subject, m.Data.ToArray()))
            .ToList();

    /// <summary>
    /// Waits until clients have published the lifecycle event <paramref name="lifecycleEvent"/> (<c>startup</c>,
    /// <c>heartbeat</c>, <c>shutdown</c>) <paramref name="count"/> times, of <paramref name="service"/> or any service;
    /// returns the last.
    /// </summary>
    /// <param name="lifecycleEvent">The event token of the subject.</param>
    /// <param name="count">How many to wait for.</param>
    /// <param name="service">Only this service; null for any.</param>
    /// <param name="timeout">Gives up after this (default 10 s) with a <see cref="TimeoutException"/>.</param>
    /// <example><code>var heartbeat = await bus.WaitForLifecycleAsync("heartbeat", service: "echobot");</code></example>
    public async Task<RecordedLifecycle> WaitForLifecycleAsync(string lifecycleEvent, int count = 1, string? service = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_signal) changed = _changed.Task;
            var matching = Lifecycle.Where(m => m.Event == lifecycleEvent && (service is null || m.Service == service)).ToList();
            if (matching.Count >= count) return matching[count - 1];
            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{lifecycleEvent}' was published {matching.Count} time(s), expected {count}: {string.Join(", ", Lifecycle.Select(m => m.Subject))}");
            }
        }
    }

    /// <summary>
    /// Publishes a lifecycle event record on its subject (<c>kryten.lifecycle.{name}</c>) as its publisher would, e.g.
    /// the bridge's <see cref="RobotConnected"/> or a <see cref="GroupRestartNotice"/>.
    /// </summary>
    /// <typeparam name="T">A lifecycle event record.</typeparam>
    /// <param name="evt">The event.</param>
    /// <example><code>await bus.PublishLifecycleAsync(new GroupRestartNotice { Initiator = "admin", Reason = "Config update", DelaySeconds = 10 });</code></example>
    public Task PublishLifecycleAsync<T>(T evt) where T : class, IKrytenEvent<T>
    {
        if (T.EventSource != KrytenEventSource.Lifecycle) throw new ArgumentException($"{typeof(T).Name} is a CyTube event: use PublishEventAsync", nameof(evt));
        return InjectAsync($"{KrytenWire.LifecycleSubjectPrefix}.{T.CytubeEventName}", JsonSerializer.SerializeToUtf8Bytes(evt, T.JsonTypeInfo));
    }

    /// <summary>
    /// Simulates the bridge (re)starting as it announces it (wire-contract §5.1): <c>robot.startup</c> right after it
    /// connects to NATS, <c>robot.connected</c> to NATS, <c>robot.connected</c> to CyTube, and the ready
    /// <c>robot.startup</c> with domain and channel. Services announce themselves again on each startup.
    /// </summary>
    /// <param name="channel">The bridge's channel.</param>
    /// <param name="domain">The bridge's domain.</param>
    /// <param name="version">The bridge version announced.</param>
    /// <example><code>await bus.SimulateRobotStartupAsync("420Grindhouse");</code></example>
    public async Task SimulateRobotStartupAsync(string channel, string domain = "cytu.be", string version = "1.12.4")
    {
        var started = DateTimeOffset.UtcNow;
        string Now() => KrytenTimestamps.Format(DateTimeOffset.UtcNow);
        double Uptime() => Math.Max((DateTimeOffset.UtcNow - started).TotalSeconds, 1e-6);
        const string service = KrytenWire.LifecycleBridgeService, host = "in-memory-bridge";
        await PublishLifecycleAsync(new RobotStartup { Service = service, Version = version, Hostname = host, Timestamp = Now(), UptimeSeconds = Uptime() }).ConfigureAwait(false);
        await PublishLifecycleAsync(new RobotConnected
        {
            Service = service, Version = version, Hostname = host, Timestamp = Now(), UptimeSeconds = Uptime(), Target = KrytenWire.LifecycleTargetNats, Servers = ["nats://in-memory:4222"],
        }).ConfigureAwait(false);
        await PublishLifecycleAsync(new RobotConnected
        {
            Service = service, Version = version, Hostname = host, Timestamp = Now(), UptimeSeconds = Uptime(), Target = KrytenWire.LifecycleTargetCytube, Domain = domain, Channel = channel,
        }).ConfigureAwait(false);
        await PublishLifecycleAsync(new RobotStartup
        {
            Service = service, Version = version, Hostname = host, Timestamp = Now(), UptimeSeconds = Uptime(), Domain = domain, Channel = channel,
            CommandsEnabled = false, HealthEnabled = true,
        }).ConfigureAwait(false);
    }
}

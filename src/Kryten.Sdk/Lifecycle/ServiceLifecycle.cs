using Kryten.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Lifecycle;

/// <summary>Publishes one lifecycle message (the client's publish with retries); failures are the caller's to log.</summary>
internal delegate ValueTask LifecyclePublisher(string subject, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

/// <summary>
/// A service's side of the lifecycle, as kryten-py's <c>LifecycleEventPublisher</c> does it (wire-contract §5.4): the
/// startup after connecting (and again on request: a discovery poll, a bridge startup), a heartbeat every interval with
/// the first one an interval after the start, and a shutdown with its reason. Publish failures are logged, never thrown:
/// a bot keeps running when an announcement is lost.
/// </summary>
internal sealed class ServiceLifecycle
{
    private readonly KrytenServiceIdentity _identity;
    private readonly KrytenServiceOptions _options;
    private readonly LifecyclePublisher _publish;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _start;
    private readonly string _startup, _heartbeat, _shutdown;
    private readonly CancellationTokenSource _heartbeats = new();
    private readonly CancellationToken _stoppingToken;
    private Task _heartbeatLoop = Task.CompletedTask;
    private volatile bool _started, _stopping;

    public ServiceLifecycle(KrytenServiceIdentity identity, KrytenServiceOptions options, LifecyclePublisher publish, TimeProvider time, ILogger logger)
    {
        _identity = identity;
        _options = options;
        _publish = publish;
        _time = time;
        _logger = logger;
        _stoppingToken = _heartbeats.Token;
        _start = time.GetTimestamp();   // uptime_seconds counts from here, as kryten-py's counts from start()
        var prefix = $"{KrytenWire.LifecycleSubjectPrefix}.{identity.Name}.";
        (_startup, _heartbeat, _shutdown) = (prefix + KrytenWire.LifecycleStartup, prefix + KrytenWire.LifecycleHeartbeat, prefix + KrytenWire.LifecycleShutdown);
    }

    /// <summary>Announces the service and starts heartbeating.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        await AnnounceAsync(cancellationToken).ConfigureAwait(false);
        _heartbeatLoop = HeartbeatAsync(_stoppingToken);
    }

    /// <summary>Publishes the startup announcement (no extra keys), unless stopping has begun.</summary>
    public Task AnnounceAsync(CancellationToken cancellationToken) =>
        _stopping ? Task.CompletedTask : PublishAsync(_startup, LifecyclePayload.Write(_identity, _options, _time.GetUtcNow(), Uptime(), reason: null), cancellationToken);

    /// <summary>
    /// Stops heartbeating and publishes the shutdown with <paramref name="reason"/>, waiting at most
    /// <paramref name="timeout"/>; nothing when the service never announced itself (connecting failed).
    /// </summary>
    public async Task StopAsync(string reason, TimeSpan timeout)
    {
        _stopping = true;
        if (!_started) return;
        await _heartbeats.CancelAsync().ConfigureAwait(false);
        await _heartbeatLoop.ConfigureAwait(false);
        using var bound = new CancellationTokenSource(timeout);
        await PublishAsync(_shutdown, LifecyclePayload.Write(_identity, _options, _time.GetUtcNow(), Uptime(), reason), bound.Token).ConfigureAwait(false);
        _heartbeats.Dispose();
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PublishAsync(_heartbeat, LifecyclePayload.Write(_identity, _options, _time.GetUtcNow(), Uptime(), reason: null), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private double Uptime() => _time.GetElapsedTime(_start).TotalSeconds;

    private async Task PublishAsync(string subject, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await _publish(subject, body, cancellationToken).ConfigureAwait(false);
            Log.LifecyclePublished(_logger, subject);
        }
        catch (OperationCanceledException) when (cancellationToken == _stoppingToken)
        {
            // A heartbeat cut short by stopping.
        }
        catch (Exception e)
        {
            Log.LifecyclePublishFailed(_logger, subject, e.Message);
        }
    }
}

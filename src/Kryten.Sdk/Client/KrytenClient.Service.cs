using System.Collections.Concurrent;
using System.Text.Json;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Events;
using Kryten.Sdk.Lifecycle;
using Kryten.Sdk.Transport;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    private static readonly TimeSpan DefaultDiscoveryWindow = TimeSpan.FromSeconds(2);
    private static readonly string BridgeLifecycle = KrytenWire.LifecycleBridgeService + ".";

    private volatile KrytenBridgeHealth _bridge = new(KrytenBridgeStatus.Unknown, null, null);

    private readonly ChatBacklog _backlog = new();
    private readonly Lock _stoppingGate = new();
    private readonly List<Func<CancellationToken, Task>> _stoppingCallbacks = [];
    private Task? _stoppingCallbacksRun;
    private KrytenServiceIdentity? _identity;
    private IAsyncDisposable? _lifecycleSubscription;
    private ServiceLifecycle? _service;

    /// <summary>
    /// Who the client announces itself as in the Kryten lifecycle (<see cref="KrytenOptions.Service"/> with its defaults
    /// filled in: the entry assembly's name and informational version, this host's name); null without a service.
    /// </summary>
    /// <example><code>if (client.ServiceIdentity is { } me) Console.WriteLine($"announcing as {me.Name} {me.Version}");</code></example>
    public KrytenServiceIdentity? ServiceIdentity => _options.Service is { } service ? _identity ??= KrytenServiceIdentity.From(service) : null;

    /// <summary>
    /// Registers a callback run when the client begins to stop — by <see cref="StopAsync(CancellationToken)"/>, by
    /// disposal, or when <see cref="RunAsync"/> ends (cancellation, or SIGINT/SIGTERM with
    /// <see cref="KrytenOptions.HandleShutdownSignals"/>) — while everything still works: events still arrive, and chat
    /// sent from it is queued before the queue drains, then the lifecycle <c>shutdown</c> follows. Like
    /// <c>IHostApplicationLifetime.ApplicationStopping</c>, for saying goodbye or publishing a last message. Callbacks run
    /// once, one after another in registration order, within <see cref="KrytenOptions.DrainTimeout"/> in all (their
    /// token is cancelled then, and stopping goes on); an exception is logged and the next callback runs. Not run when
    /// the client never connected or the connection was closed for good.
    /// </summary>
    /// <param name="callback">Receives a token cancelled when the drain timeout runs out.</param>
    /// <returns>Dispose it to remove the callback.</returns>
    /// <example><code>using var goodbye = client.OnStopping(ct =&gt; client.SayAsync("brb, restarting", cancellationToken: ct).AsTask());</code></example>
    public IDisposable OnStopping(Func<CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_stoppingGate) _stoppingCallbacks.Add(callback);
        return new StoppingRegistration(this, callback);
    }

    /// <summary>
    /// Asks every service for its startup announcement (publishes <c>kryten.service.discovery.poll</c>, which kryten-py
    /// services and Kryten.Sdk services answer) and returns the announcements that arrive within
    /// <paramref name="window"/>, one per service instance, sorted by name. This client answers too when it has a
    /// service. The bridge does not answer polls: it is listed when it happens to start meanwhile; its registry, with
    /// heartbeats and staleness, is <c>GetServicesAsync</c> (<c>system.services</c>).
    /// </summary>
    /// <param name="window">How long to collect announcements (2 s by default).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The announcements.</returns>
    /// <exception cref="KrytenConnectionException">The client is not connected, or has stopped.</exception>
    /// <example>
    /// <code>
    /// foreach (var service in await client.DiscoverServicesAsync(TimeSpan.FromSeconds(1)))
    ///     Console.WriteLine($"{service.Service} {service.Version} on {service.Hostname}");
    /// </code>
    /// </example>
    public async Task<IReadOnlyList<ServiceAnnouncement>> DiscoverServicesAsync(TimeSpan? window = null, CancellationToken cancellationToken = default)
    {
        var wait = window ?? DefaultDiscoveryWindow;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(window));
        EnsureStarted();
        var found = new ConcurrentDictionary<(string, string?, string?), ServiceAnnouncement>();
        var startups = $"{KrytenWire.LifecycleSubjectPrefix}.*.{KrytenWire.LifecycleStartup}";
        var subscription = await _transport.SubscribeAsync(startups, (message, _) =>
        {
            if (ReadAnnouncement(message) is { } announcement) found[(announcement.Service, announcement.Hostname, announcement.InstanceId)] = announcement;
            return default;
        }, cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            await PublishWithRetryAsync(KrytenWire.DiscoveryPollSubject, "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        return found.Values.OrderBy(a => a.Service, StringComparer.Ordinal).ThenBy(a => a.Hostname, StringComparer.Ordinal).ThenBy(a => a.InstanceId, StringComparer.Ordinal).ToList();
    }

    private ServiceAnnouncement? ReadAnnouncement(KrytenMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Data.Span, KrytenJsonContext.Default.ServiceAnnouncement);
        }
        catch (JsonException e)
        {
            _metrics.Malformed();
            Log.MalformedLifecycle(_logger, message.Subject, e.Message);
            return null;
        }
    }

    // Called by ConnectAsync before the channels are subscribed: from now on older chat is backlog, and no bridge
    // lifecycle message may be missed (robot events for handlers, the backlog rule, re-announcing).
    private async Task StartLifecycleAsync(CancellationToken cancellationToken)
    {
        if (_lifecycleSubscription is not null) return;
        if (_options.Delivery.Mode == KrytenDelivery.AtMostOnce) _backlog.ClientConnected(_time.GetUtcNow());
        _lifecycleSubscription = await _transport.SubscribeAsync(KrytenWire.LifecycleSubjectPrefix + ".>", OnLifecycleMessageAsync, cancellationToken).ConfigureAwait(false);
        _subscriptions.Add(_lifecycleSubscription);
        if (ServiceIdentity is not { } identity || !_options.Service!.Enabled) return;
        var service = new ServiceLifecycle(identity, _options.Service, PublishWithRetryAsync, _time, _logger);
        _service = service;
        _subscriptions.Add(await _transport.SubscribeAsync(KrytenWire.DiscoveryPollSubject,
            (_, ct) => new ValueTask(service.AnnounceAsync(ct)), cancellationToken).ConfigureAwait(false));
    }

    // Called by ConnectAsync once connected: the startup announcement, then heartbeats.
    private Task AnnounceServiceAsync(CancellationToken cancellationToken)
    {
        if (_service is null) return Task.CompletedTask;
        var identity = ServiceIdentity!;
        Log.ServiceAnnouncing(_logger, identity.Name, identity.Version, identity.Hostname, _options.Service!.HeartbeatInterval);
        return _service.StartAsync(cancellationToken);
    }

    // Called by StopAsync after handlers and chat have drained: the last word before NATS drains.
    private Task StopServiceAsync(string reason) => _service?.StopAsync(reason, _options.DrainTimeout) ?? Task.CompletedTask;

    private async ValueTask OnLifecycleMessageAsync(KrytenMessage message, CancellationToken cancellationToken)
    {
        var name = message.Subject[(KrytenWire.LifecycleSubjectPrefix.Length + 1)..];
        var fromBridge = name.StartsWith(BridgeLifecycle, StringComparison.Ordinal);
        var isRestart = name == GroupRestartNotice.CytubeEventName;
        if (!fromBridge && !isRestart && _dispatcher.Table.ForLifecycle(name).Length == 0) return;   // e.g. other services' heartbeats
        if (!LifecycleHeader.TryRead(message.Data.Span, _options.MaxMessageBytes, _options.MaxJsonDepth, out var header, out var reason))
        {
            _metrics.Malformed();
            Log.MalformedLifecycle(_logger, message.Subject, reason!);
            return;
        }
        if (fromBridge) BridgeSaid(name);
        if (fromBridge && header.ProcessStart is { } bridgeStarted) _backlog.BridgeStarted(bridgeStarted);
        // The bridge's registry lives in memory and starts empty: announce again on both of its startups.
        if (name == RobotStartup.CytubeEventName && _service is not null) await _service.AnnounceAsync(cancellationToken).ConfigureAwait(false);
        if (isRestart) Log.GroupRestartReceived(_logger, message.Subject, _dispatcher.Table.ForLifecycle(name).Length);
        await _dispatcher.DispatchLifecycleAsync(message, name, header, _time.GetUtcNow()).ConfigureAwait(false);
    }

    // What Health() reports of the bridge: the bridge publishes no heartbeat, so only its own messages say it runs.
    private void BridgeSaid(string name)
    {
        var status = name == RobotStartup.CytubeEventName || name == RobotConnected.CytubeEventName ? KrytenBridgeStatus.Running
            : name == RobotDisconnected.CytubeEventName || name == RobotShutdown.CytubeEventName ? KrytenBridgeStatus.Stopped
            : _bridge.Status;
        _bridge = new KrytenBridgeHealth(status, name, _time.GetUtcNow());
    }

    // The callbacks run once however many StopAsync calls overlap, and every caller waits for them.
    private Task RunStoppingCallbacksAsync()
    {
        lock (_stoppingGate)
        {
            return _stoppingCallbacksRun ??= _connectedAt is null || _closed || _connectionLost || _stoppingCallbacks.Count == 0
                ? Task.CompletedTask
                : InvokeStoppingCallbacksAsync([.. _stoppingCallbacks]);
        }
    }

    private async Task InvokeStoppingCallbacksAsync(Func<CancellationToken, Task>[] callbacks)
    {
        var timeout = _options.DrainTimeout;
        using var limit = new CancellationTokenSource(timeout);
        var token = limit.Token;
        // On the thread pool, so that a callback that blocks cannot hold up stopping beyond the timeout.
        var all = Task.Run(async () =>
        {
            foreach (var callback in callbacks)
            {
                try
                {
                    await callback(token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Log.StoppingCallbackFailed(_logger, e);
                }
            }
        });
        try
        {
            await all.WaitAsync(timeout + TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);   // a little past the token, for callbacks that honour it
        }
        catch (TimeoutException)
        {
            Log.StoppingCallbacksTimedOut(_logger, timeout);
        }
        catch (OperationCanceledException)
        {
            Log.StoppingCallbacksTimedOut(_logger, timeout);
        }
    }

    private sealed class StoppingRegistration(KrytenClient client, Func<CancellationToken, Task> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (client._stoppingGate) client._stoppingCallbacks.Remove(callback);
        }
    }
}

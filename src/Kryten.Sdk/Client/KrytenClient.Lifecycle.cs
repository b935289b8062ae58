using System.Runtime.InteropServices;
using Kryten.Sdk.Delivery;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Transport;
using NATS.Client.JetStream;
using NATS.Net;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IAsyncDisposable> _subscriptions = [];
    private Commands.ChatPacer? _chat;
    private DurableEventConsumer? _durable;
    private volatile KrytenConnectionState _state = KrytenConnectionState.Disconnected;
    private DateTimeOffset? _connectedAt;
    private int _disposed;
    private volatile bool _connectionLost;
    private volatile bool _stopped;   // no new work accepted (set when stopping begins)
    private volatile bool _closed;   // the transport is drained: nothing can be sent any more
    private long _dropsUnreported, _lastDropReport;
    private int _warnedNoChannels;

    /// <summary>The connection state.</summary>
    public KrytenConnectionState State => _state;

    /// <summary>True while connected to NATS.</summary>
    public bool IsConnected => _state == KrytenConnectionState.Connected;

    /// <summary>Raised on every state change (connect, disconnect, reconnect, close), possibly on a background thread.</summary>
    public event EventHandler<KrytenConnectionState>? StateChanged;

    /// <summary>
    /// Connects (trying <see cref="KrytenNatsOptions.ConnectAttempts"/> times, <see cref="KrytenNatsOptions.ReconnectWait"/> apart)
    /// and subscribes to every configured channel's events. Afterwards the connection recovers on its own.
    /// Throws <see cref="KrytenConnectionException"/> when no attempt succeeds.
    /// </summary>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <example><code>await client.ConnectAsync(ct);</code></example>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_connectedAt is not null) return;
            SetState(KrytenConnectionState.Connecting);
            await ConnectTransportAsync(cancellationToken).ConfigureAwait(false);
            _transport.StateChanged += OnTransportStateChanged;
            _transport.MessageDropped += OnMessageDropped;
            _chat = new Commands.ChatPacer(_options.Chat, _metrics, _logger);
            _metrics.ObserveChatPending(() => _chat?.Pending ?? 0);
            await StartLifecycleAsync(cancellationToken).ConfigureAwait(false);
            if (_options.Delivery.Mode == KrytenDelivery.AtLeastOnce && DeliveryFeature.IsAtLeastOnceSupported) await StartDurableDeliveryAsync(cancellationToken).ConfigureAwait(false);
            else foreach (var channel in _channels) await SubscribeChannelAsync(channel, cancellationToken).ConfigureAwait(false);
            StartState();
            _connectedAt = _time.GetUtcNow();
            SetState(KrytenConnectionState.Connected);
            Log.Connected(_logger, _options.Nats.ToString());
            await AnnounceServiceAsync(cancellationToken).ConfigureAwait(false);
            WarnIfHandlersCannotReceive();
        }
        catch
        {
            if (_connectedAt is null) SetState(KrytenConnectionState.Disconnected);
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Connects if needed, then runs until <see cref="StopAsync(CancellationToken)"/>, until <paramref name="cancellationToken"/> is cancelled,
    /// or (with <see cref="KrytenOptions.HandleShutdownSignals"/>) until SIGINT/SIGTERM; then stops gracefully.
    /// Throws <see cref="KrytenConnectionException"/> when the connection is lost for good (reconnect attempts exhausted).
    /// </summary>
    /// <param name="cancellationToken">Stops the client when cancelled.</param>
    /// <example><code>await client.RunAsync(cancellationToken);   // e.g. a generic host's ApplicationStopping</code></example>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_connectedAt is null) await ConnectAsync(cancellationToken).ConfigureAwait(false);
        using var sigint = _options.HandleShutdownSignals ? PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal) : null;
        using var sigterm = _options.HandleShutdownSignals ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal) : null;
        try
        {
            await _stopRequested.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation is the normal way to end RunAsync.
        }
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (_connectionLost) throw new KrytenConnectionException("The NATS connection closed for good (reconnect attempts exhausted)");
    }

    /// <summary>
    /// Stops gracefully: runs the <see cref="OnStopping"/> callbacks, unsubscribes, lets running handlers and queued chat
    /// finish (each step up to <see cref="KrytenOptions.DrainTimeout"/>), publishes the service's lifecycle
    /// <c>shutdown</c> with the reason <c>Normal shutdown</c> (when it has a <see cref="KrytenOptions.Service"/>), drains
    /// NATS, and closes. Safe to call more than once.
    /// </summary>
    /// <param name="cancellationToken">Abandons the graceful part early.</param>
    /// <example><code>await client.StopAsync();</code></example>
    public Task StopAsync(CancellationToken cancellationToken = default) => StopAsync(KrytenWire.NormalShutdownReason, cancellationToken);

    /// <summary>Stops gracefully (see <see cref="StopAsync(CancellationToken)"/>), announcing <paramref name="reason"/> in the lifecycle <c>shutdown</c>.</summary>
    /// <param name="reason">The shutdown's <c>reason</c>, e.g. why a group restart stops the bot.</param>
    /// <param name="cancellationToken">Abandons the graceful part early.</param>
    /// <example><code>await client.StopAsync("Restarting for a configuration change");</code></example>
    public async Task StopAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        _stopRequested.TrySetResult();
        await RunStoppingCallbacksAsync().ConfigureAwait(false);
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_stopped) return;
            _stopped = true;
            var timeout = _options.DrainTimeout;
            Log.Stopping(_logger, timeout);
            await StopStateAsync().ConfigureAwait(false);
            foreach (var subscription in _subscriptions)
            {
                try
                {
                    await subscription.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Stopping must finish even when the connection is already gone.
                    Log.DrainIncomplete(_logger, timeout, "unsubscribe: " + e.Message);
                }
            }
            _subscriptions.Clear();
            if (_durable is not null) await _durable.StopAsync(timeout).ConfigureAwait(false);
            foreach (var channel in _channels) channel.Subscribed = false;
            if (!await _invoker.DrainAsync(timeout).ConfigureAwait(false)) Log.DrainIncomplete(_logger, timeout, "handlers still running");
            if (_chat is not null) await _chat.DrainAsync(timeout).ConfigureAwait(false);
            await StopServiceAsync(reason).ConfigureAwait(false);
            if (_connectedAt is not null)
            {
                using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                drain.CancelAfter(timeout);
                try
                {
                    await _transport.DrainAsync(drain.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Log.DrainIncomplete(_logger, timeout, e.Message);
                }
            }
            _closed = true;
            _transport.StateChanged -= OnTransportStateChanged;
            _transport.MessageDropped -= OnMessageDropped;
            SetState(KrytenConnectionState.Closed);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops (see <see cref="StopAsync(CancellationToken)"/>) and releases the connection.</summary>
    /// <example><code>await using var client = new KrytenClient(options);</code></example>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await StopAsync().ConfigureAwait(false);
        if (_durable is not null) await _durable.DisposeAsync().ConfigureAwait(false);
        if (_chat is not null) await _chat.DisposeAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
    }

    private async Task ConnectTransportAsync(CancellationToken cancellationToken)
    {
        var attempts = _options.Nats.ConnectAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.ConnectAttemptFailed(_logger, attempt, attempts, e.Message);
                if (attempt >= attempts)
                {
                    throw new KrytenConnectionException(
                        $"Could not connect to NATS ({string.Join(", ", _options.Nats.Servers.Select(KrytenRedaction.Url))}) after {attempts} attempt(s): {e.Message}", e);
                }
            }
            await Task.Delay(_options.Nats.ReconnectWait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SubscribeChannelAsync(Dispatch.ChannelSubscription channel, CancellationToken cancellationToken)
    {
        var subscription = await _transport.SubscribeAsync(channel.Subject,
            (message, _) => _dispatcher.DispatchAsync(message, channel), cancellationToken).ConfigureAwait(false);
        _subscriptions.Add(subscription);
        channel.Subscribed = true;
        Log.Subscribed(_logger, channel.Subject, channel.Channel.Domain, channel.Channel.Channel);
    }

    private async Task StartDurableDeliveryAsync(CancellationToken cancellationToken)
    {
        // The constructor made sure the transport is NATS when at-least-once delivery is configured.
        var connection = ((NatsKrytenTransport)_transport).Connection;
        _durable = new DurableEventConsumer(connection.CreateJetStreamContext(), _options, _dispatcher, _metrics, _logger, _time);
        await _durable.StartAsync(_channels, cancellationToken).ConfigureAwait(false);
    }

    private void OnTransportStateChanged(object? sender, KrytenConnectionState state)
    {
        if (_stopped) return;
        foreach (var channel in _channels) channel.Subscribed = state == KrytenConnectionState.Connected;
        SetState(state);
        if (state == KrytenConnectionState.Closed)
        {
            // Reconnecting gave up: RunAsync ends (with a KrytenConnectionException) instead of waiting forever.
            _connectionLost = true;
            _stopRequested.TrySetResult();
        }
    }

    // Drops come in bursts while handlers fall behind: each is counted, and the log gets one line a second at most.
    private void OnMessageDropped(object? sender, string subject)
    {
        _metrics.Dropped();
        var unreported = Interlocked.Increment(ref _dropsUnreported);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropReport);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastDropReport, now, last) == last)
        {
            Log.EventsDropped(_logger, Interlocked.Exchange(ref _dropsUnreported, 0), subject, _options.MaxPendingEvents);
        }
    }

    internal void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;   // we shut down ourselves, gracefully
        _stopRequested.TrySetResult();
    }

    private void SetState(KrytenConnectionState state)
    {
        if (_state == state) return;
        _state = state;
        Log.StateChanged(_logger, state);
        StateChanged?.Invoke(this, state);
    }
}

using System.Threading.Channels;
using Kryten.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Kryten.Sdk.Transport;

/// <summary>
/// <see cref="IKrytenTransport"/> over a NATS.Net <see cref="INatsConnection"/>, either one the client created from
/// <see cref="KrytenOptions.Nats"/> (and disposes) or one the application owns and shares (never disposed here).
/// Messages arrive as pooled bytes (<see cref="NatsMemoryOwner{T}"/>, returned after the handler) and leave as bytes.
/// The connection's state and events are NATS.Net's, mapped: open → connected, reconnecting → reconnecting, and
/// failed (reconnecting gave up) or closed → closed.
/// </summary>
internal sealed class NatsKrytenTransport : IKrytenTransport
{
    private readonly INatsConnection _connection;
    private readonly bool _owned;
    private readonly NatsSubOpts _subscriptionOpts;
    private readonly ILogger _logger;
    private readonly List<Pump> _pumps = [];
    private volatile KrytenConnectionState _state = KrytenConnectionState.Disconnected;

    public NatsKrytenTransport(INatsConnection connection, bool owned, int maxPendingMessages, ILogger logger)
    {
        _connection = connection;
        _owned = owned;
        _logger = logger;
        // Drop newest when a subscription's queue is full (NATS is at-most-once); every drop is counted and logged.
        _subscriptionOpts = new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = maxPendingMessages, FullMode = BoundedChannelFullMode.DropNewest } };
        _connection.ConnectionOpened += OnOpened;
        _connection.ConnectionDisconnected += OnDisconnected;
        _connection.ReconnectFailed += OnReconnectFailed;
        _connection.MessageDropped += OnMessageDropped;
        if (_connection.ConnectionState == NatsConnectionState.Open) _state = KrytenConnectionState.Connected;
    }

    /// <summary>The connection, for JetStream.</summary>
    public INatsConnection Connection => _connection;

    public KrytenConnectionState State => _state;

    public event EventHandler<KrytenConnectionState>? StateChanged;

    public event EventHandler<string>? MessageDropped;

    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NatsException e)
        {
            throw new KrytenConnectionException(NatsErrors.Explain(e), e);
        }
        SetState(KrytenConnectionState.Connected);
    }

    public async ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.PublishAsync(subject, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NatsException e)
        {
            throw new KrytenConnectionException(NatsErrors.Explain(e), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw WaitedForReconnect(subject, e);
        }
    }

    public async ValueTask<byte[]> RequestAsync(string subject, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _connection.RequestAsync<ReadOnlyMemory<byte>, byte[]>(
                subject, payload, replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return reply.Data ?? [];
        }
        catch (NatsNoRespondersException e)
        {
            throw new KrytenNoRespondersException(subject, e);
        }
        catch (NatsNoReplyException e)
        {
            throw new TimeoutException($"no reply on '{subject}' within {timeout}", e);
        }
        catch (NatsException e)
        {
            throw new KrytenConnectionException(NatsErrors.Explain(e), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw WaitedForReconnect(subject, e);
        }
    }

    // NATS.Net ends a publish (a request's too) that waited too long for the reconnect (PublishTimeoutOnDisconnected)
    // with a cancellation the caller did not ask for.
    private static KrytenConnectionException WaitedForReconnect(string subject, OperationCanceledException e) =>
        new($"not connected to NATS: the publish to '{subject}' waited nats.reconnectBufferTimeout for the connection to come back", e);

    public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, KrytenMessageHandler handler, CancellationToken cancellationToken) =>
        SubscribeCoreAsync(subject, null, handler, cancellationToken);

    public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, string queueGroup, KrytenMessageHandler handler, CancellationToken cancellationToken) =>
        SubscribeCoreAsync(subject, queueGroup, handler, cancellationToken);

    private async ValueTask<IAsyncDisposable> SubscribeCoreAsync(string subject, string? queueGroup, KrytenMessageHandler handler, CancellationToken cancellationToken)
    {
        INatsSub<NatsMemoryOwner<byte>> subscription;
        try
        {
            subscription = await _connection.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject, queueGroup, opts: _subscriptionOpts, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NatsException e)
        {
            throw new KrytenConnectionException(NatsErrors.Explain(e), e);
        }
        var pump = new Pump(subscription, handler, _logger, this);
        lock (_pumps) _pumps.Add(pump);
        try
        {
            // A round trip: the server has the subscription once the pong is back, so an event another connection
            // publishes after ConnectAsync returns is delivered (the server reads each connection in order, not across).
            await _connection.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
            await pump.DisposeAsync().ConfigureAwait(false);
            if (e is NatsException nats) throw new KrytenConnectionException(NatsErrors.Explain(nats), nats);
            throw;
        }
        return pump;
    }

    /// <summary>Unsubscribes this transport's subscriptions and flushes what was published; closes an owned connection.</summary>
    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        Pump[] pumps;
        lock (_pumps) pumps = [.. _pumps];
        foreach (var pump in pumps) await pump.DisposeAsync().ConfigureAwait(false);
        if (_connection.ConnectionState == NatsConnectionState.Open)
        {
            // A round trip: the server has every publish sent before it.
            await _connection.PingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Pump[] pumps;
        lock (_pumps) pumps = [.. _pumps];
        foreach (var pump in pumps) await pump.DisposeAsync().ConfigureAwait(false);
        _connection.ConnectionOpened -= OnOpened;
        _connection.ConnectionDisconnected -= OnDisconnected;
        _connection.ReconnectFailed -= OnReconnectFailed;
        _connection.MessageDropped -= OnMessageDropped;
        if (_owned) await _connection.DisposeAsync().ConfigureAwait(false);
        SetState(KrytenConnectionState.Closed);
    }

    private ValueTask OnOpened(object? sender, NatsEventArgs args)
    {
        SetState(KrytenConnectionState.Connected);
        return default;
    }

    private ValueTask OnDisconnected(object? sender, NatsEventArgs args)
    {
        SetState(KrytenConnectionState.Reconnecting);
        return default;
    }

    // NATS.Net marks the connection failed just after raising the last ReconnectFailed, without an event of its own.
    private async ValueTask OnReconnectFailed(object? sender, NatsEventArgs args)
    {
        for (var check = 0; check < 10 && _connection.ConnectionState == NatsConnectionState.Reconnecting; check++)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
        if (_connection.ConnectionState is NatsConnectionState.Failed or NatsConnectionState.Closed) SetState(KrytenConnectionState.Closed);
    }

    private ValueTask OnMessageDropped(object? sender, NatsMessageDroppedEventArgs args)
    {
        if (args.Data is NatsMemoryOwner<byte> owner) owner.Dispose();
        MessageDropped?.Invoke(this, args.Subject);
        return default;
    }

    private void SetState(KrytenConnectionState state)
    {
        if (_state == state || _state == KrytenConnectionState.Closed) return;
        _state = state;
        StateChanged?.Invoke(this, state);
    }

    private void Forget(Pump pump)
    {
        lock (_pumps) _pumps.Remove(pump);
    }

    /// <summary>Feeds one subscription's messages to its handler one at a time, returning each pooled buffer afterwards.</summary>
    private sealed class Pump : IAsyncDisposable
    {
        private readonly INatsSub<NatsMemoryOwner<byte>> _subscription;
        private readonly NatsKrytenTransport _transport;
        private readonly CancellationTokenSource _closing = new();
        private readonly Task _loop;
        private int _disposed;

        public Pump(INatsSub<NatsMemoryOwner<byte>> subscription, KrytenMessageHandler handler, ILogger logger, NatsKrytenTransport transport)
        {
            _subscription = subscription;
            _transport = transport;
            _loop = Task.Run(() => RunAsync(handler, logger));
        }

        private async Task RunAsync(KrytenMessageHandler handler, ILogger logger)
        {
            var messages = _subscription.Msgs;
            try
            {
                while (await messages.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
                {
                    while (messages.TryRead(out var msg))
                    {
                        using var data = msg.Data;
                        try
                        {
                            await handler(new KrytenMessage(msg.Subject, msg.ReplyTo, data.Memory), _closing.Token).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is not OperationCanceledException || !_closing.IsCancellationRequested)
                        {
                            // The handler reports its own failures; anything that still escapes must not end the loop.
                            Log.ReceiveFailed(logger, e, msg.Subject);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                // Unsubscribed.
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;   // stopping and the caller may both dispose
            _transport.Forget(this);
            try
            {
                await _subscription.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (NatsException)
            {
                // The connection is already gone; there is nothing left to unsubscribe from.
            }
            await _closing.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            await _subscription.DisposeAsync().ConfigureAwait(false);
            while (_subscription.Msgs.TryRead(out var left)) left.Data.Dispose();
            _closing.Dispose();
        }
    }
}

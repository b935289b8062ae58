using Kryten.Nats;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Transport;

/// <summary>
/// <see cref="IKrytenTransport"/> over <see cref="NatsConnection"/>. Each connect attempt uses a fresh connection
/// (a NATS connection connects once); after that the connection reconnects and resubscribes by itself.
/// </summary>
internal sealed class NatsKrytenTransport(NatsOpts opts) : IKrytenTransport
{
    private NatsConnection? _connection;
    private volatile KrytenConnectionState _state = KrytenConnectionState.Disconnected;

    public static NatsOpts ToNatsOpts(KrytenOptions options, ILoggerFactory? loggerFactory)
    {
        var n = options.Nats;
        return new NatsOpts
        {
            Servers = n.Servers.ToArray(),
            Name = n.Name ?? options.ServiceName,
            Username = string.IsNullOrEmpty(n.User) ? null : n.User,
            Password = string.IsNullOrEmpty(n.Password) ? null : n.Password,
            Token = string.IsNullOrEmpty(n.Token) ? null : n.Token,
            NKeySeed = string.IsNullOrEmpty(n.NKeySeed) ? null : n.NKeySeed,
            CredsFile = string.IsNullOrEmpty(n.CredsFile) ? null : n.CredsFile,
            Tls = n.TlsCaFile is null && n.TlsCertFile is null ? null : new NatsTlsOpts { CaFile = n.TlsCaFile, CertFile = n.TlsCertFile, KeyFile = n.TlsKeyFile },
            ConnectTimeout = n.ConnectTimeout,
            ReconnectWait = n.ReconnectWait,
            MaxReconnectAttempts = n.MaxReconnectAttempts,
            PingInterval = n.PingInterval,
            RequestTimeout = options.CommandTimeout,
            DrainTimeout = options.DrainTimeout,
            LoggerFactory = loggerFactory,
        };
    }

    public KrytenConnectionState State => _state;

    public event EventHandler<KrytenConnectionState>? StateChanged;

    private NatsConnection Connection => _connection ?? throw new KrytenConnectionException("not connected");

    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(opts);
        connection.StateChanged += OnStateChanged;
        try
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            connection.StateChanged -= OnStateChanged;
            await connection.DisposeAsync().ConfigureAwait(false);
            if (e is NatsException) throw new KrytenConnectionException(e.Message, e);
            throw;
        }
        _connection = connection;
        SetState(KrytenConnectionState.Connected);
    }

    public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        Connection.PublishAsync(subject, payload, cancellationToken: cancellationToken);

    public async ValueTask<byte[]> RequestAsync(string subject, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var reply = await Connection.RequestAsync(subject, payload, timeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            return reply.Data.ToArray();
        }
        catch (NatsTimeoutException e)
        {
            throw new TimeoutException(e.Message, e);
        }
        catch (NatsNoRespondersException e)
        {
            throw new KrytenNoRespondersException(subject, e);
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string subject, KrytenMessageHandler handler, CancellationToken cancellationToken)
    {
        var subscription = await Connection.SubscribeAsync(subject, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Pump(subscription, handler);
    }

    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } connection) await connection.DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            connection.StateChanged -= OnStateChanged;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        SetState(KrytenConnectionState.Closed);
    }

    private void OnStateChanged(object? sender, NatsConnectionStateChangedEventArgs e)
    {
        if (!ReferenceEquals(sender, _connection)) return;
        SetState(e.Current switch
        {
            NatsConnectionState.Connected => KrytenConnectionState.Connected,
            NatsConnectionState.Reconnecting => KrytenConnectionState.Reconnecting,
            NatsConnectionState.Connecting => KrytenConnectionState.Connecting,
            NatsConnectionState.Closed => KrytenConnectionState.Closed,
            _ => KrytenConnectionState.Disconnected,
        });
    }

    private void SetState(KrytenConnectionState state)
    {
        if (_state == state) return;
        _state = state;
        StateChanged?.Invoke(this, state);
    }

    /// <summary>Feeds one subscription's messages to the handler one at a time, releasing each pooled buffer after its handler.</summary>
    private sealed class Pump : IAsyncDisposable
    {
        private readonly NatsSubscription _subscription;
        private readonly CancellationTokenSource _closing = new();
        private readonly Task _loop;
        private int _disposed;

        public Pump(NatsSubscription subscription, KrytenMessageHandler handler)
        {
            _subscription = subscription;
            _loop = Task.Run(() => RunAsync(handler));
        }

        private async Task RunAsync(KrytenMessageHandler handler)
        {
            var reader = _subscription.Messages;
            try
            {
                while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
                {
                    while (reader.TryRead(out var msg))
                    {
                        using (msg)
                        {
                            await handler(new KrytenMessage(msg.Subject, msg.ReplyTo, msg.Data), _closing.Token).ConfigureAwait(false);
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
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;   // the client's stop and the caller may both dispose
            await _subscription.DisposeAsync().ConfigureAwait(false);
            await _closing.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _closing.Dispose();
        }
    }
}

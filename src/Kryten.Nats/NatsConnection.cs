using System.Collections.Concurrent;
using System.Threading.Channels;
using Kryten.Nats.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kryten.Nats;

/// <summary>
/// A NATS connection: publish, subscribe, request/reply, with automatic reconnect, server discovery,
/// subscription restore and a bounded buffer for publishes made while disconnected. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var connection = new NatsConnection(NatsOpts.Default with { Servers = ["nats://127.0.0.1:4222"] });
/// await connection.ConnectAsync();
/// await using var sub = await connection.SubscribeAsync("greet.*");
/// await connection.PublishAsync("greet.joe", "hello"u8.ToArray());
/// await foreach (var msg in sub)
/// {
///     using (msg) Console.WriteLine(Encoding.UTF8.GetString(msg.Data.Span));
///     break;
/// }
/// </code>
/// </example>
public sealed partial class NatsConnection : IAsyncDisposable
{
    private readonly NatsOpts _opts;
    private readonly ILogger _logger;
    private readonly ServerPool _pool;
    private readonly OutboundBuffer _outbound = new();
    private readonly ConcurrentDictionary<long, NatsSubscription> _subscriptions = new();
    private readonly object _stateLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Channel<Action> _events = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _eventPump;
    private volatile NatsSession? _session;
    private volatile NatsServerInfo? _serverInfo;
    private volatile NatsConnectionState _state = NatsConnectionState.Disconnected;
    private long _nextSid;
    private int _closed;

    /// <summary>Creates a connection; nothing happens on the network until <see cref="ConnectAsync"/>.</summary>
    /// <param name="opts">Settings; <see cref="NatsOpts.Default"/> when unsure.</param>
    /// <exception cref="ArgumentException">A server URL cannot be parsed.</exception>
    /// <example><code>var connection = new NatsConnection(NatsOpts.Default with { Name = "bot" });</code></example>
    public NatsConnection(NatsOpts opts)
    {
        ArgumentNullException.ThrowIfNull(opts);
        _opts = opts;
        _logger = opts.LoggerFactory?.CreateLogger("Kryten.Nats") ?? NullLogger.Instance;
        _pool = new ServerPool(opts.Servers, opts.NoRandomize);
        _eventPump = Task.Run(PumpEventsAsync);
    }

    /// <summary>Raised (in order, on a background task) on every state change.</summary>
    /// <example><code>connection.StateChanged += (_, e) => Console.WriteLine($"{e.Previous} -> {e.Current}");</code></example>
    public event EventHandler<NatsConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>Raised when a subscription starts dropping messages because its pending queue is full.</summary>
    /// <example><code>connection.SlowConsumerDetected += (_, e) => Console.WriteLine(e.Subscription.Subject);</code></example>
    public event EventHandler<NatsSlowConsumerEventArgs>? SlowConsumerDetected;

    /// <summary>Raised for non-fatal server errors such as permission violations.</summary>
    /// <example><code>connection.ServerError += (_, e) => Console.WriteLine(e.Message);</code></example>
    public event EventHandler<NatsServerErrorEventArgs>? ServerError;

    /// <summary>The settings this connection uses.</summary>
    /// <example><code>Console.WriteLine(connection.Opts.Name);</code></example>
    public NatsOpts Opts => _opts;

    /// <summary>The current state.</summary>
    /// <example><code>if (connection.State == NatsConnectionState.Connected) { }</code></example>
    public NatsConnectionState State => _state;

    /// <summary>The latest INFO of the connected server, or null before the first connect.</summary>
    /// <example><code>Console.WriteLine(connection.ServerInfo?.MaxPayload);</code></example>
    public NatsServerInfo? ServerInfo => _serverInfo;

    /// <summary>Live counters.</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.MsgsIn);</code></example>
    public NatsStatistics Statistics => StatisticsCounters;

    /// <summary>The servers the client may use, configured and discovered (URLs without credentials).</summary>
    /// <example><code>foreach (var url in connection.KnownServers) Console.WriteLine(url);</code></example>
    public IReadOnlyList<string> KnownServers
    {
        get
        {
            lock (_pool) return _pool.Servers.Select(s => s.ToString()).ToList();
        }
    }

    /// <summary>The URL of the server currently connected to (without credentials), or null.</summary>
    /// <example><code>Console.WriteLine(connection.ConnectedUrl);</code></example>
    public string? ConnectedUrl => _state == NatsConnectionState.Connected ? _session?.Server.ToString() : null;

    internal NatsStatistics StatisticsCounters { get; } = new();

    private bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Connects to the first reachable server of the pool. With <see cref="NatsOpts.RetryOnInitialConnect"/>
    /// it returns at once when none answers and keeps trying in the background.
    /// </summary>
    /// <param name="cancellationToken">Cancels the attempt (the connection is then closed).</param>
    /// <returns>Completes when connected.</returns>
    /// <exception cref="NatsConnectionException">No server could be reached.</exception>
    /// <exception cref="NatsAuthorizationException">The server rejected the credentials.</exception>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    /// <example><code>await connection.ConnectAsync(cts.Token);</code></example>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_stateLock)
        {
            if (_state != NatsConnectionState.Disconnected || IsClosed)
                throw new InvalidOperationException($"ConnectAsync can be called once, on a new connection (state is {_state})");
            SetStateLocked(NatsConnectionState.Connecting, null);
        }
        List<ServerAddress> order;
        lock (_pool) order = [.. _pool.Servers];
        Exception? last = null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        foreach (var server in order)
        {
            try
            {
                var session = await NatsSession.OpenAsync(this, _opts, server, _outbound, linked.Token).ConfigureAwait(false);
                await ActivateAsync(session, isReconnect: false).ConfigureAwait(false);
                return;
            }
            catch (NatsAuthorizationException ex) when (!_opts.RetryOnInitialConnect)
            {
                await CloseAsync(ex).ConfigureAwait(false);
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await CloseAsync(null).ConfigureAwait(false);
                throw;
            }
            catch (Exception ex) when (ex is NatsException or IOException)
            {
                last = ex;
                Log.AttemptFailed(_logger, server.ToString(), ex);
            }
        }
        if (_opts.RetryOnInitialConnect && !IsClosed)
        {
            lock (_stateLock) SetStateLocked(NatsConnectionState.Reconnecting, last);
            StartReconnect(order.Count > 0 ? order[^1] : null);
            return;
        }
        var error = new NatsConnectionException("could not connect to any server: " + (last?.Message ?? "no servers"), last);
        await CloseAsync(error).ConfigureAwait(false);
        throw error;
    }

    /// <summary>Creates a unique inbox subject (<c>_INBOX.&lt;nuid&gt;</c>).</summary>
    /// <returns>The subject.</returns>
    /// <example><code>var inbox = connection.NewInbox();</code></example>
    public string NewInbox() => "_INBOX." + Nuid.Next();

    /// <summary>Sends PING and waits for the PONG: everything published before is then processed by the server.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The round-trip time.</returns>
    /// <exception cref="NatsConnectionException">Not connected, or the connection dropped before the PONG.</exception>
    /// <example><code>var rtt = await connection.PingAsync();</code></example>
    public async ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool queued;
        lock (_outbound.Sync) queued = _session is { } s && s.TryQueuePingLocked(waiter);
        if (!queued) throw new NatsConnectionException($"not connected (state is {_state})");
        _outbound.Wake();
        await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Waits until the server has processed everything sent so far (a PING round trip).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes after the PONG.</returns>
    /// <exception cref="NatsConnectionException">Not connected.</exception>
    /// <example><code>await connection.PublishAsync("x", data); await connection.FlushAsync();</code></example>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default) =>
        await PingAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Graceful close: unsubscribes everything, lets consumers read what already arrived, waits for
    /// in-flight requests, flushes, then closes. Bounded by <see cref="NatsOpts.DrainTimeout"/>.
    /// </summary>
    /// <param name="cancellationToken">Abandons the wait (the connection still closes).</param>
    /// <returns>Completes when closed.</returns>
    /// <exception cref="NatsTimeoutException">Consumers did not finish within the drain timeout (the connection is closed anyway).</exception>
    /// <example><code>await connection.DrainAsync();</code></example>
    public async ValueTask DrainAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed) return;
        if (_state != NatsConnectionState.Connected)
        {
            await CloseAsync(null).ConfigureAwait(false);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_opts.DrainTimeout);
        var subs = _subscriptions.Values.Where(s => !ReferenceEquals(s, _requestMux)).ToList();
        foreach (var sub in subs) WriteUnsub(sub.Sid, null);
        await TryFlushAsync(timeout.Token).ConfigureAwait(false);
        foreach (var sub in subs)
        {
            _subscriptions.TryRemove(sub.Sid, out _);
            sub.Complete();
        }
        var timedOut = !await WaitUntilAsync(() => subs.TrueForAll(s => s.PendingMessages == 0) && _requests.IsEmpty, timeout.Token).ConfigureAwait(false);
        if (_requestMux is { } mux)
        {
            WriteUnsub(mux.Sid, null);
            _subscriptions.TryRemove(mux.Sid, out _);
            mux.Complete();
        }
        await TryFlushAsync(timeout.Token).ConfigureAwait(false);
        await CloseAsync(null).ConfigureAwait(false);
        if (timedOut && !cancellationToken.IsCancellationRequested)
            throw new NatsTimeoutException($"drain did not finish within {_opts.DrainTimeout}; the connection was closed");
    }

    /// <summary>Closes the connection at once. Unread messages stay readable; subscriptions complete.</summary>
    /// <returns>Completes when closed.</returns>
    /// <example><code>await connection.DisposeAsync();</code></example>
    public ValueTask DisposeAsync() => CloseAsync(null);

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException) { }
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            if (cancellationToken.IsCancellationRequested) return false;
            try { await Task.Delay(5, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return condition(); }
        }
        return true;
    }

    /// <param name="reason">Why, for the Closed event; null for a requested close.</param>
    /// <param name="fromReconnectLoop">The reconnect loop itself is closing, so it must not wait for itself.</param>
    private async ValueTask CloseAsync(Exception? reason, bool fromReconnectLoop = false)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _lifetime.Cancel();
        _session?.Fail(new NatsConnectionException("connection closed"));
        lock (_outbound.Sync)
        {
            _outbound.Online = false;
            _outbound.ReleaseDrainedLocked();
        }
        foreach (var sub in _subscriptions.Values) sub.Complete();
        _subscriptions.Clear();
        FailPendingRequests(new NatsConnectionException("connection closed"));
        if (reason is not null) Log.Closed(_logger, reason.Message, reason);
        lock (_stateLock) SetStateLocked(NatsConnectionState.Closed, reason);
        _events.Writer.TryComplete();
        try
        {
            await _eventPump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException) { }
        if (!fromReconnectLoop && _reconnectTask is { } reconnect)
        {
            try { await reconnect.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
            catch (Exception ex) when (ex is TimeoutException or NatsException or IOException or OperationCanceledException) { }
        }
    }

    private void SetStateLocked(NatsConnectionState next, Exception? error)
    {
        var previous = _state;
        if (previous == next || previous == NatsConnectionState.Closed) return;
        _state = next;
        var url = next == NatsConnectionState.Connected ? _session?.Server.ToString() : null;
        var args = new NatsConnectionStateChangedEventArgs(previous, next, error, url);
        Raise(() => StateChanged?.Invoke(this, args));
    }

    private void Raise(Action action) => _events.Writer.TryWrite(action);

    private async Task PumpEventsAsync()
    {
        await foreach (var action in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(_logger, "connection event", ex);
            }
        }
    }

    internal void OnServerError(string message)
    {
        Log.ServerError(_logger, message);
        var args = new NatsServerErrorEventArgs(message);
        Raise(() => ServerError?.Invoke(this, args));
    }

    internal void ReportSlowConsumer(NatsSubscription subscription, long dropped, bool raiseEvent)
    {
        Log.SlowConsumer(_logger, subscription.Subject, subscription.Sid, dropped);
        if (!raiseEvent) return;
        var args = new NatsSlowConsumerEventArgs(subscription);
        Raise(() => SlowConsumerDetected?.Invoke(this, args));
    }
}

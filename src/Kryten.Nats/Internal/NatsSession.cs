using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using Kryten.Nats.Protocol;

namespace Kryten.Nats.Internal;

/// <summary>
/// One TCP (or TLS) connection to one server: handshake, read loop, writer loop and ping timer.
/// It fails exactly once; the owning <see cref="NatsConnection"/> then decides whether to reconnect.
/// </summary>
internal sealed class NatsSession : IProtocolHandler
{
    private readonly NatsConnection _connection;
    private readonly NatsOpts _opts;
    private readonly OutboundBuffer _outbound;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly ProtocolParser _parser;
    private readonly CancellationTokenSource _cts = new();
    private readonly Queue<TaskCompletionSource?> _pongWaiters = new(); // guarded by _outbound.Sync
    private readonly List<NatsSubscription> _toWake = [];
    private int _pingsOut;
    private int _skipPongs;
    private int _failed;
    private int _active;
    private int _failureReported;
    private bool _started;

    private NatsSession(NatsConnection connection, NatsOpts opts, ServerAddress server, OutboundBuffer outbound, Stream stream, NatsServerInfo info)
    {
        _connection = connection;
        _opts = opts;
        Server = server;
        _outbound = outbound;
        _stream = stream;
        Info = info;
        _parser = new ProtocolParser(info.MaxPayload);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
    }

    public ServerAddress Server { get; }

    public NatsServerInfo Info { get; private set; }

    public bool IsFailed => Volatile.Read(ref _failed) != 0;

    /// <summary>The error the session failed with first, if it failed.</summary>
    public Exception? FailureReason { get; private set; }

    /// <summary>Set once the connection adopted this session; failures then trigger a reconnect.</summary>
    public bool IsActive => Volatile.Read(ref _active) != 0;

    /// <summary>Marks the session adopted. A full fence, so a concurrent <see cref="Fail"/> sees it or is seen by the caller.</summary>
    public void Activate() => Interlocked.Exchange(ref _active, 1);

    /// <summary>True for exactly one caller: the failure of an adopted session is handled once.</summary>
    public bool TryClaimFailure() => Interlocked.Exchange(ref _failureReported, 1) == 0;

    /// <summary>Dials, reads INFO, upgrades to TLS if needed, sends CONNECT+PING and waits for the PONG.</summary>
    /// <exception cref="NatsConnectionException">Unreachable, timed out, or TLS failed.</exception>
    /// <exception cref="NatsAuthorizationException">The server rejected the credentials.</exception>
    public static async Task<NatsSession> OpenAsync(NatsConnection connection, NatsOpts opts, ServerAddress server, OutboundBuffer outbound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(opts.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        NatsSession? session = null;
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            var info = await ReadInfoAsync(stream, timeout.Token).ConfigureAwait(false);
            var wantsTls = server.IsTls || opts.Tls is not null;
            if (wantsTls && !info.TlsRequired && !info.TlsAvailable)
                throw new NatsConnectionException($"TLS is configured but {server} does not offer TLS");
            var tls = wantsTls || info.TlsRequired;
            if (tls) stream = await TlsUpgrade.AuthenticateAsync(stream, server.TlsHost, opts.Tls, timeout.Token).ConfigureAwait(false);
            var connect = ConnectPayload.Build(opts, server, info, tls);
            session = new NatsSession(connection, opts, server, outbound, stream, info);
            await session.HandshakeAsync(connect, timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch (Exception caught)
        {
            session?.Fail(caught);
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            // When the read loop failed first (e.g. -ERR, or TLS rejecting after the handshake), its error is the real cause.
            var ex = session?.FailureReason is { } first && first is not OperationCanceledException ? first : caught;
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw new NatsConnectionException($"connecting to {server} timed out after {opts.ConnectTimeout}");
            if (ex is SocketException se) throw new NatsConnectionException($"cannot connect to {server}: {se.SocketErrorCode}", se);
            if (ex is AuthenticationException ae) throw new NatsConnectionException($"TLS handshake with {server} failed: {ae.Message}", ae);
            if (ex is IOException or ObjectDisposedException) throw new NatsConnectionException($"connection to {server} failed during the handshake: {ex.Message}", ex);
            if (ex is NatsException or OperationCanceledException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
            throw new NatsConnectionException($"connection to {server} failed: {ex.Message}", ex);
        }
    }

    private static async Task<NatsServerInfo> ReadInfoAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= ProtocolParser.MaxControlLine) throw new NatsProtocolException("INFO line too long");
                    var bigger = ArrayPool<byte>.Shared.Rent(length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (n == 0) throw new NatsConnectionException("the server closed the connection before sending INFO");
                var lf = buffer.AsSpan(length, n).IndexOf((byte)'\n');
                length += n;
                if (lf < 0) continue;
                var capture = new InfoCapture();
                var parser = new ProtocolParser();
                var sequence = new ReadOnlySequence<byte>(buffer, 0, length);
                parser.ParseAll(ref sequence, capture);
                return capture.Info ?? throw new NatsProtocolException("the server did not start with INFO");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandshakeAsync(byte[] connectJson, CancellationToken cancellationToken)
    {
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_outbound.Sync) _pongWaiters.Enqueue(pong);
        _ = Task.Run(ReadLoopAsync, CancellationToken.None);
        var w = new ArrayBufferWriter<byte>(connectJson.Length + 16);
        ProtocolWriter.WriteConnect(w, connectJson);
        ProtocolWriter.WritePing(w);
        await _stream.WriteAsync(w.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await pong.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes bytes before the writer loop runs (subscription restore).</summary>
    public async Task WriteDirectAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes, _cts.Token).ConfigureAwait(false);
        await _stream.FlushAsync(_cts.Token).ConfigureAwait(false);
    }

    /// <summary>Goes online: the writer loop flushes the buffer (publishes made while offline) and the ping timer starts.</summary>
    public void Start()
    {
        lock (_outbound.Sync)
        {
            if (IsFailed) return;
            _skipPongs = _outbound.PendingPings;
            _outbound.Online = true;
            _started = true;
        }
        _ = Task.Run(WriteLoopAsync, CancellationToken.None);
        _ = Task.Run(PingLoopAsync, CancellationToken.None);
        _outbound.Wake();
    }

    /// <summary>Queues a PING whose PONG completes <paramref name="waiter"/>. Caller holds <see cref="OutboundBuffer.Sync"/>.</summary>
    public bool TryQueuePingLocked(TaskCompletionSource? waiter)
    {
        if (!_started || IsFailed || !_outbound.Online) return false;
        _pongWaiters.Enqueue(waiter);
        ProtocolWriter.WritePing(_outbound);
        _outbound.PendingPings++;
        return true;
    }

    public void Fail(Exception error)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0) return;
        FailureReason = error;
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
        List<TaskCompletionSource> waiters = [];
        lock (_outbound.Sync)
        {
            if (_started)
            {
                _outbound.Online = false;
                _outbound.ReleaseDrainedLocked();
            }
            while (_pongWaiters.TryDequeue(out var w)) if (w is not null) waiters.Add(w);
        }
        foreach (var w in waiters) w.TrySetException(error);
        try { _stream.Dispose(); } catch (IOException) { } catch (ObjectDisposedException) { }
        _connection.OnSessionFailed(this, error);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_cts.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    _parser.ParseAll(ref buffer, this);
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                    WakeConsumers();
                }
                if (result.IsCompleted || result.IsCanceled)
                    throw new NatsConnectionException($"{Server} closed the connection");
            }
        }
        catch (Exception ex)
        {
            Fail(ex is OperationCanceledException or ObjectDisposedException ? new NatsConnectionException("connection closed", ex) : ex);
        }
        finally
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await _outbound.RunWriterAsync(_stream, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(ex is OperationCanceledException or ObjectDisposedException ? new NatsConnectionException("connection closed", ex) : ex);
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(_opts.PingInterval);
            while (await timer.WaitForNextTickAsync(_cts.Token).ConfigureAwait(false))
            {
                if (Interlocked.Increment(ref _pingsOut) > _opts.MaxPingsOut)
                {
                    Fail(new NatsConnectionException($"stale connection: {_opts.MaxPingsOut} pings to {Server} unanswered"));
                    return;
                }
                bool queued;
                lock (_outbound.Sync) queued = TryQueuePingLocked(null);
                if (!queued) return;
                _outbound.Wake();
            }
        }
        catch (OperationCanceledException) { }
    }

    void IProtocolHandler.OnInfo(ReadOnlySpan<byte> json)
    {
        var info = NatsServerInfo.Parse(json);
        Info = info;
        _parser.SetMaxPayload(info.MaxPayload);
        if (IsActive) _connection.OnAsyncInfo(this, info);
    }

    void IProtocolHandler.OnMsg(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> headers, in ReadOnlySequence<byte> payload, bool hasHeaders)
    {
        // A failed session's loop may still be finishing its last buffer; only the live session delivers.
        if (!IsActive || IsFailed) return;
        var sub = _connection.OnMessage(subject, sid, replyTo, headers, payload, hasHeaders);
        if (sub is { AwaitingWake: false })
        {
            sub.AwaitingWake = true;
            _toWake.Add(sub);
        }
    }

    /// <summary>One wake-up per subscription per socket read instead of one per message.</summary>
    private void WakeConsumers()
    {
        foreach (var sub in _toWake)
        {
            sub.AwaitingWake = false;
            sub.WakeReader();
        }
        _toWake.Clear();
    }

    void IProtocolHandler.OnPing()
    {
        bool wake;
        lock (_outbound.Sync)
        {
            wake = _outbound.Length == 0;
            ProtocolWriter.WritePong(_outbound);
        }
        if (wake) _outbound.Wake();
    }

    void IProtocolHandler.OnPong()
    {
        Interlocked.Exchange(ref _pingsOut, 0);
        TaskCompletionSource? waiter = null;
        lock (_outbound.Sync)
        {
            if (_skipPongs > 0) _skipPongs--;
            else _pongWaiters.TryDequeue(out waiter);
        }
        waiter?.TrySetResult();
    }

    void IProtocolHandler.OnOk() { }

    void IProtocolHandler.OnError(string message)
    {
        if (ServerError.Classify(message) == ServerErrorKind.NonFatal)
        {
            _connection.OnServerError(message);
            return;
        }
        throw ServerError.ToException(message);
    }

    /// <summary>Takes the first INFO and rejects anything else before it.</summary>
    private sealed class InfoCapture : IProtocolHandler
    {
        public NatsServerInfo? Info { get; private set; }

        public void OnInfo(ReadOnlySpan<byte> json) => Info ??= NatsServerInfo.Parse(json);

        public void OnMsg(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> headers, in ReadOnlySequence<byte> payload, bool hasHeaders) =>
            throw new NatsProtocolException("message before INFO");

        public void OnPing() { }

        public void OnPong() { }

        public void OnOk() { }

        public void OnError(string message) => throw ServerError.ToException(message);
    }
}

using System.Buffers;
using Kryten.Nats.Internal;
using Kryten.Nats.Protocol;

namespace Kryten.Nats;

public sealed partial class NatsConnection
{
    private Task? _reconnectTask;

    /// <summary>Adopts a handshaken session: restore subscriptions, go online (flushing the offline buffer), report Connected.</summary>
    private async Task ActivateAsync(NatsSession session, bool isReconnect)
    {
        if (IsClosed)
        {
            session.Fail(new NatsConnectionException("connection closed"));
            throw new NatsConnectionException("connection closed");
        }
        _session = session;
        _serverInfo = session.Info;
        bool discovered;
        lock (_pool) discovered = _pool.Merge(session.Info.ConnectUrls, session.Server);
        session.Activate();
        if (session.IsFailed)
        {
            // It failed between the handshake and adoption; its own report was ignored then, so report it now.
            OnSessionFailed(session, session.FailureReason ?? new NatsConnectionException("connection lost"));
            return;
        }
        var restore = new ArrayBufferWriter<byte>();
        var restored = 0;
        foreach (var sub in _subscriptions.Values)
        {
            if (sub.MaxMessages > 0)
            {
                var remaining = sub.MaxMessages - sub.Delivered;
                if (remaining <= 0)
                {
                    RemoveLocally(sub);
                    continue;
                }
                ProtocolWriter.WriteSub(restore, sub.Subject, sub.QueueGroup, sub.Sid);
                ProtocolWriter.WriteUnsub(restore, sub.Sid, remaining);
            }
            else
            {
                ProtocolWriter.WriteSub(restore, sub.Subject, sub.QueueGroup, sub.Sid);
            }
            restored++;
        }
        try
        {
            if (restore.WrittenCount > 0) await session.WriteDirectAsync(restore.WrittenMemory).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            session.Fail(ex);
            return;
        }
        session.Start();
        lock (_stateLock)
        {
            if (!session.IsFailed && !IsClosed) SetStateLocked(NatsConnectionState.Connected, null);
        }
        if (discovered) Log.Discovered(_logger, string.Join(", ", KnownServers));
        if (isReconnect)
        {
            Interlocked.Increment(ref StatisticsCounters._reconnects);
            Log.Reconnected(_logger, session.Server.ToString(), restored);
        }
        else
        {
            Log.Connected(_logger, session.Server.ToString(), session.Info.ServerName, session.Info.Version);
        }
    }

    internal void OnSessionFailed(NatsSession session, Exception error)
    {
        if (!session.IsActive || IsClosed || !session.TryClaimFailure()) return;
        lock (_stateLock)
        {
            if (IsClosed || !ReferenceEquals(_session, session)) return;
            SetStateLocked(NatsConnectionState.Reconnecting, error);
        }
        Log.Disconnected(_logger, session.Server.ToString(), error);
        StartReconnect(session.Server);
    }

    private void StartReconnect(ServerAddress? failed) =>
        _reconnectTask = Task.Run(() => ReconnectLoopAsync(failed, _lifetime.Token));

    private async Task ReconnectLoopAsync(ServerAddress? current, CancellationToken cancellationToken)
    {
        var pass = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                List<ServerAddress> order;
                lock (_pool)
                {
                    if (current is not null) _pool.Next(current);
                    order = [.. _pool.Servers];
                }
                if (order.Count == 0)
                {
                    await CloseAsync(new NatsConnectionException("no servers left to reconnect to"), fromReconnectLoop: true).ConfigureAwait(false);
                    return;
                }
                foreach (var server in order)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_opts.MaxReconnectAttempts >= 0 && server.FailedAttempts >= _opts.MaxReconnectAttempts)
                    {
                        lock (_pool) _pool.Remove(server);
                        continue;
                    }
                    current = server;
                    try
                    {
                        var session = await NatsSession.OpenAsync(this, _opts, server, _outbound, cancellationToken).ConfigureAwait(false);
                        server.FailedAttempts = 0;
                        server.LastAuthError = null;
                        await ActivateAsync(session, isReconnect: true).ConfigureAwait(false);
                        return;
                    }
                    catch (NatsAuthorizationException ex)
                    {
                        // Same auth error twice in a row from one server: give up, as the Go client does, instead of storming.
                        if (server.LastAuthError == ex.Message)
                        {
                            await CloseAsync(ex, fromReconnectLoop: true).ConfigureAwait(false);
                            return;
                        }
                        server.LastAuthError = ex.Message;
                        server.FailedAttempts++;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        server.FailedAttempts++;
                        server.LastAuthError = null;
                        Log.AttemptFailed(_logger, server.ToString(), ex);
                    }
                }
                lock (_pool)
                {
                    _pool.Servers.Where(s => _opts.MaxReconnectAttempts >= 0 && s.FailedAttempts >= _opts.MaxReconnectAttempts)
                        .ToList().ForEach(_pool.Remove);
                    if (_pool.Servers.Count == 0) current = null;
                }
                pass++;
                await Task.Delay(ReconnectDelay(pass), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Closed while an attempt was in flight; whatever that attempt failed with no longer matters.
        }
    }

    /// <summary>Exponential backoff from ReconnectWait (doubling per full pass, capped at 8×) plus random jitter.</summary>
    private TimeSpan ReconnectDelay(int pass)
    {
        var factor = Math.Min(1 << Math.Min(pass - 1, 3), 8);
        var jitterMs = _opts.ReconnectJitter > TimeSpan.Zero ? Random.Shared.NextDouble() * _opts.ReconnectJitter.TotalMilliseconds : 0;
        return _opts.ReconnectWait * factor + TimeSpan.FromMilliseconds(jitterMs);
    }

    internal void OnAsyncInfo(NatsSession session, NatsServerInfo info)
    {
        if (!ReferenceEquals(_session, session)) return;
        _serverInfo = info;
        bool added;
        bool others;
        lock (_pool)
        {
            added = _pool.Merge(info.ConnectUrls, session.Server);
            others = _pool.Servers.Any(s => s.Key != session.Server.Key);
        }
        if (added) Log.Discovered(_logger, string.Join(", ", KnownServers));
        if (info.LameDuckMode)
        {
            Log.LameDuck(_logger, session.Server.ToString());
            if (others) session.Fail(new NatsConnectionException($"{session.Server} entered lame duck mode; moving to another server"));
        }
    }
}

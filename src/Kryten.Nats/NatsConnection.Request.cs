using System.Collections.Concurrent;
using System.Globalization;
using Kryten.Nats.Internal;

namespace Kryten.Nats;

public sealed partial class NatsConnection
{
    private readonly ConcurrentDictionary<long, PendingRequest> _requests = new();
    private readonly SemaphoreSlim _muxGate = new(1, 1);
    private NatsSubscription? _requestMux;
    private string? _muxPrefix;
    private long _nextRequestId;

    /// <summary>
    /// Sends a request and waits for the first reply. All requests share one wildcard inbox
    /// subscription (<c>_INBOX.&lt;nuid&gt;.*</c>); replies are routed by their last token.
    /// </summary>
    /// <param name="subject">A literal subject.</param>
    /// <param name="payload">Request payload.</param>
    /// <param name="headers">Optional headers.</param>
    /// <param name="timeout">Reply timeout; default <see cref="NatsOpts.RequestTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply; dispose it when done.</returns>
    /// <exception cref="NatsNoRespondersException">Nobody subscribes to <paramref name="subject"/> (raised at once).</exception>
    /// <exception cref="NatsTimeoutException">No reply in time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <example>
    /// <code>
    /// using var reply = await connection.RequestAsync("svc.time", ReadOnlyMemory&lt;byte&gt;.Empty, timeout: TimeSpan.FromSeconds(2));
    /// Console.WriteLine(Encoding.UTF8.GetString(reply.Data.Span));
    /// </code>
    /// </example>
    public async ValueTask<NatsMsg> RequestAsync(string subject, ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        SubjectValidator.ValidatePublish(subject);
        var prefix = _muxPrefix ?? await EnsureRequestMuxAsync(cancellationToken).ConfigureAwait(false);
        var id = Interlocked.Increment(ref _nextRequestId);
        var pending = new PendingRequest(subject);
        _requests[id] = pending;
        var wait = timeout ?? _opts.RequestTimeout;
        try
        {
            await PublishAsync(subject, payload, headers, prefix + id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            return await pending.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new NatsTimeoutException($"request on '{subject}' timed out after {wait}");
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }

    private async ValueTask<string> EnsureRequestMuxAsync(CancellationToken cancellationToken)
    {
        await _muxGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_muxPrefix is { } existing) return existing;
            var prefix = "_INBOX." + Nuid.Next() + ".";
            _requestMux = SubscribeCore(prefix + "*", null, null, OnRequestReply);
            _muxPrefix = prefix;
            return prefix;
        }
        finally
        {
            _muxGate.Release();
        }
    }

    private void OnRequestReply(NatsMsg msg)
    {
        var dot = msg.Subject.LastIndexOf('.');
        if (dot < 0
            || !long.TryParse(msg.Subject.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !_requests.TryRemove(id, out var pending))
        {
            msg.Dispose();
            return;
        }
        if (msg.IsNoResponders)
        {
            msg.Dispose();
            pending.TrySetException(new NatsNoRespondersException(pending.Subject));
        }
        else if (!pending.TrySetResult(msg))
        {
            msg.Dispose();
        }
    }

    private void FailPendingRequests(Exception error)
    {
        foreach (var (id, pending) in _requests)
        {
            if (_requests.TryRemove(id, out _)) pending.TrySetException(error);
        }
    }

    private sealed class PendingRequest(string subject) : TaskCompletionSource<NatsMsg>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public string Subject { get; } = subject;
    }
}

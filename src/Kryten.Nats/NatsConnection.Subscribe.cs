using System.Buffers;
using System.Text;
using Kryten.Nats.Internal;
using Kryten.Nats.Protocol;

namespace Kryten.Nats;

public sealed partial class NatsConnection
{
    /// <summary>
    /// Subscribes to a subject (wildcards allowed), optionally in a queue group. When connected it waits
    /// for the server to register it, so messages published afterwards by anyone are received.
    /// </summary>
    /// <param name="subject">Subject; <c>*</c> matches one token, a final <c>&gt;</c> the rest.</param>
    /// <param name="queueGroup">Queue group: each message goes to one member.</param>
    /// <param name="opts">Pending limits overriding the connection defaults.</param>
    /// <param name="cancellationToken">Cancels waiting for the server.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentException">Invalid subject or queue group.</exception>
    /// <exception cref="NatsConnectionException">The connection is closed or was never connected.</exception>
    /// <example><code>await using var sub = await connection.SubscribeAsync("orders.*", queueGroup: "billing");</code></example>
    public async ValueTask<NatsSubscription> SubscribeAsync(string subject, string? queueGroup = null, NatsSubOpts? opts = null, CancellationToken cancellationToken = default)
    {
        var sub = SubscribeCore(subject, queueGroup, opts, handler: null);
        if (_state == NatsConnectionState.Connected)
        {
            try
            {
                await PingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NatsConnectionException)
            {
                // Disconnected meanwhile: the reconnect restores the subscription.
            }
        }
        return sub;
    }

    private NatsSubscription SubscribeCore(string subject, string? queueGroup, NatsSubOpts? opts, Action<NatsMsg>? handler)
    {
        SubjectValidator.ValidateSubscribe(subject);
        if (queueGroup is not null) SubjectValidator.ValidateQueueGroup(queueGroup);
        ThrowIfUnusable();
        var sid = Interlocked.Increment(ref _nextSid);
        var sub = new NatsSubscription(this, sid, subject, queueGroup,
            opts?.PendingMessages ?? _opts.SubPendingMessages, opts?.PendingBytes ?? _opts.SubPendingBytes, handler);
        _subscriptions[sid] = sub;
        bool wake;
        lock (_outbound.Sync)
        {
            wake = _outbound.Length == 0;
            ProtocolWriter.WriteSub(_outbound, subject, queueGroup, sid);
        }
        if (wake) _outbound.Wake();
        return sub;
    }

    internal ValueTask RemoveSubscriptionAsync(NatsSubscription sub, bool sendUnsub)
    {
        if (_subscriptions.TryRemove(sub.Sid, out _) && sendUnsub && !IsClosed) WriteUnsub(sub.Sid, null);
        sub.Complete();
        return ValueTask.CompletedTask;
    }

    internal ValueTask SendAutoUnsubscribeAsync(NatsSubscription sub, long max)
    {
        if (!IsClosed && _subscriptions.ContainsKey(sub.Sid)) WriteUnsub(sub.Sid, max);
        return ValueTask.CompletedTask;
    }

    private void RemoveLocally(NatsSubscription sub)
    {
        _subscriptions.TryRemove(sub.Sid, out _);
        sub.Complete();
    }

    /// <summary>Called by the read loop for every MSG/HMSG; returns the subscription whose consumer needs waking.</summary>
    internal NatsSubscription? OnMessage(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> headerBytes, in ReadOnlySequence<byte> payload, bool hasHeaders)
    {
        var size = (int)(headerBytes.Length + payload.Length);
        // Only the read loop writes these; readers use Interlocked.Read, so plain increments are enough.
        StatisticsCounters._msgsIn++;
        StatisticsCounters._bytesIn += size;
        if (!_subscriptions.TryGetValue(sid, out var sub)) return null;
        var subjectText = sub.Subjects.Get(subject);
        var reply = replyTo.IsEmpty ? null : Encoding.UTF8.GetString(replyTo);
        NatsHeaders? headers = null;
        if (hasHeaders && headerBytes.Length > 0)
        {
            if (headerBytes.IsSingleSegment)
            {
                headers = NatsHeaders.Parse(headerBytes.FirstSpan);
            }
            else
            {
                var copy = ArrayPool<byte>.Shared.Rent((int)headerBytes.Length);
                try
                {
                    headerBytes.CopyTo(copy);
                    headers = NatsHeaders.Parse(copy.AsSpan(0, (int)headerBytes.Length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
            }
        }
        PayloadLease? lease = null;
        if (payload.Length > 0)
        {
            lease = PayloadLease.Rent((int)payload.Length);
            payload.CopyTo(lease.Array);
        }
        var msg = new NatsMsg(subjectText, reply, headers, lease, (int)payload.Length, size, this);
        if (sub.Deliver(msg)) RemoveLocally(sub);
        return sub;
    }
}

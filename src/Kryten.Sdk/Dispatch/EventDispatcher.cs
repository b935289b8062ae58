using System.Text.Json;
using Kryten.Sdk.Delivery;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Lifecycle;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// The event path after the transport: message → envelope (with its route and its payload's records, read in one pass)
/// → <see cref="HandlerInvoker"/>. Each step calls the next; nothing calls back. A message that is not a valid envelope,
/// and a payload that does not fit the record a matching handler takes, are logged with their correlation id, counted
/// and skipped; raw handlers still get a payload of the wrong shape, since the envelope itself is valid.
/// </summary>
internal sealed partial class EventDispatcher(KrytenOptions options, IKrytenCommandSender commands, HandlerInvoker invoker, KrytenMetrics metrics,
    ChatBacklog backlog, ILogger logger)
{
    private readonly object _registration = new();
    private volatile HandlerTable _table = HandlerTable.Empty;

    public HandlerTable Table => _table;

    public int HandlerCount => _table.Entries.Count;

    public void Add(IReadOnlyCollection<HandlerEntry> entries)
    {
        lock (_registration) _table = _table.With(entries);
    }

    public void Remove(IReadOnlyCollection<HandlerEntry> entries)
    {
        lock (_registration) _table = _table.Without(entries);
        invoker.CloseLanes(entries);
    }

    /// <summary>
    /// Reads one message and starts every matching handler; returns once each has started or been queued (waiting for
    /// a concurrency slot slows the receive loop down, which bounds memory). <paramref name="delivery"/>, given for an
    /// at-least-once delivery, skips an event already handled and learns when the handlers have finished.
    /// </summary>
    public async ValueTask DispatchAsync(KrytenMessage message, ChannelSubscription channel, EventDelivery? delivery = null, int deliveryAttempt = 1)
    {
        try
        {
            if (!TryReadEnvelope(message, channel, out var envelope)) return;
            if (delivery is not null && !delivery.TryBegin(envelope.CorrelationId.ToString()))
            {
                metrics.Duplicate();
                Log.DuplicateSkipped(logger, envelope.EventName, envelope.CorrelationId.ToString(), message.Subject);
                return;
            }
            var route = envelope.Route;
            if (route.IsEmpty) return;
            var isBacklog = backlog.IsBacklog(envelope);
            if (isBacklog && options.SkipBacklog)
            {
                Log.BacklogSkipped(logger, envelope.EventName, envelope.CorrelationId.ToString(), message.Subject);
                return;
            }
            var token = channel.Token(envelope.Channel);
            var context = new EventContext(envelope.EventName, envelope.Channel, envelope.Domain, message.Subject,
                envelope.Timestamp, envelope.CorrelationId, commands, deliveryAttempt, isBacklog);

            // A record that failed is reported once per run of matching handlers that take it.
            var previous = -1;
            for (var i = 0; i < route.Typed.Length; i++)
            {
                var handler = route.Typed[i];
                if (!handler.Matches(token, envelope.Domain) || (isBacklog && handler.SkipBacklog)) continue;
                var index = route.RecordOfTyped[i];
                var (record, error) = envelope.Records.Span[index];
                if (error is not null && index != previous) MalformedPayload(message, envelope, error);
                previous = index;
                if (record is null) continue;
                await invoker.StartAsync(handler, record, context, token, delivery).ConfigureAwait(false);
            }

            KrytenRawEvent? raw = null;
            foreach (var handler in route.Raw)
            {
                if (!handler.Matches(token, envelope.Domain) || (isBacklog && handler.SkipBacklog)) continue;
                raw ??= new KrytenRawEvent(envelope.EventName, envelope.Channel, envelope.Domain, message.Subject, envelope.Timestamp,
                    context.CorrelationId, envelope.Payload(message.Data).ToArray(), envelope.PayloadKind);
                await invoker.StartAsync(handler, raw, context, token, delivery).ConfigureAwait(false);
            }
        }
        finally
        {
            delivery?.DispatchEnded();
        }
    }

    private bool TryReadEnvelope(KrytenMessage message, ChannelSubscription channel, out KrytenEnvelope envelope)
    {
        if (!channel.Reader.TryRead(message.Data.Span, _table, out envelope, out var reason))
        {
            metrics.Malformed();
            Log.MalformedEnvelope(logger, message.Subject, reason!);
            return false;
        }
        channel.EventReceived();
        metrics.EventReceived();
        return true;
    }

    private void MalformedPayload(KrytenMessage message, in KrytenEnvelope envelope, JsonException error)
    {
        metrics.Malformed();
        Log.MalformedPayload(logger, envelope.EventName, envelope.CorrelationId.ToString(), message.Subject, error.Message);
    }
}

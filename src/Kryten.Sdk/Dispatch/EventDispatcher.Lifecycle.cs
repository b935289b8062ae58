using System.Text.Json;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Events;
using Kryten.Sdk.Lifecycle;
using Kryten.Sdk.Transport;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk.Dispatch;

internal sealed partial class EventDispatcher
{
    /// <summary>
    /// The lifecycle half of dispatch: a lifecycle message (flat JSON, read by <see cref="LifecycleHeader"/>) goes to the
    /// handlers of the record its subject names, through the same invoker as envelope events. The context is made from
    /// the payload: its channel and domain when the bridge sent them (else empty, so channel-filtered handlers skip it),
    /// its timestamp, and a new correlation id (lifecycle messages carry none).
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="name">The lifecycle name: the subject after the lifecycle prefix (e.g. <c>robot.startup</c>).</param>
    /// <param name="header">Its header, already read.</param>
    /// <param name="now">The time to use when the payload has no timestamp.</param>
    public async ValueTask DispatchLifecycleAsync(KrytenMessage message, string name, LifecycleHeader header, DateTimeOffset now)
    {
        var handlers = _table.ForLifecycle(name);
        if (handlers.Length == 0) return;
        var channel = header.Channel ?? "";
        var domain = header.Domain ?? "";
        var token = KrytenSubjects.Normalize(channel);
        var context = new EventContext(name, channel, domain, message.Subject, header.Timestamp ?? now, EventCorrelationId.NewId(), commands,
            deliveryAttempt: 1, isBacklog: false);
        object? record = null;
        KrytenEventInfo? recordOf = null;
        foreach (var handler in handlers)
        {
            if (!handler.Matches(token, domain)) continue;
            if (!ReferenceEquals(handler.Event, recordOf))
            {
                recordOf = handler.Event;
                record = ReadLifecycleRecord(handler.Event!, message);
            }
            if (record is null) continue;
            await invoker.StartAsync(handler, record, context, token, delivery: null).ConfigureAwait(false);
        }
    }

    private object? ReadLifecycleRecord(KrytenEventInfo evt, KrytenMessage message)
    {
        try
        {
            return evt.ReadPayload(message.Data.Span, options.MaxJsonDepth);
        }
        catch (JsonException e)
        {
            metrics.Malformed();
            Log.MalformedLifecycle(logger, message.Subject, $"does not fit {evt.RecordType.Name}: {e.Message}");
            return null;
        }
    }
}

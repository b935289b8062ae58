using Kryten.Sdk.Events;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// One registered handler as dispatch sees it: the event it takes (and how its record is read), its filters, how to
/// call it. The channel filter is kept as its normalized subject token, so it matches the way the bridge names channels.
/// </summary>
internal abstract class HandlerEntry(string name, KrytenEventInfo? evt, string? rawEventName, string? channel, string? domain, bool ordered, bool skipBacklog)
{
    public string Name { get; } = name;

    /// <summary>The event a typed handler takes; null for raw handlers.</summary>
    public KrytenEventInfo? Event { get; } = evt;

    /// <summary>The CyTube event name; null only for raw handlers of every event.</summary>
    public string? EventName { get; } = evt?.CytubeName ?? rawEventName;

    public bool IsRaw => Event is null;

    /// <summary>Takes a lifecycle event (routed by its subject, not by an envelope's event name).</summary>
    public bool IsLifecycle => Event?.Source == KrytenEventSource.Lifecycle;

    public string? ChannelToken { get; } = channel is null ? null : KrytenSubjects.Normalize(channel);

    public string? Domain { get; } = domain;

    public bool Ordered { get; } = ordered;

    /// <summary>Not called for chat backlog (<see cref="EventContext.IsBacklog"/>).</summary>
    public bool SkipBacklog { get; } = skipBacklog;

    /// <summary>The channel rule: normalize(filter) == normalize(envelope channel); domains compare case-insensitively.</summary>
    public bool Matches(string channelToken, string domain) =>
        (ChannelToken is null || string.Equals(ChannelToken, channelToken, StringComparison.Ordinal))
        && (Domain is null || string.Equals(Domain, domain, StringComparison.OrdinalIgnoreCase));

    public abstract ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken);
}

/// <summary>A generated <c>[KrytenHandler]</c> method, called through its class's generated switch.</summary>
internal sealed class HandlerSetEntry(IKrytenHandlerSet set, KrytenHandlerDescriptor d)
    : HandlerEntry(d.Name, d.Event, d.RawEventName, d.Channel, d.Domain, d.Ordered, d.SkipBacklog)
{
    public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) =>
        set.InvokeKrytenHandlerAsync(d.Index, evt, context, cancellationToken);
}

/// <summary>A lambda registered with <c>KrytenClient.On&lt;T&gt;</c>.</summary>
internal sealed class DelegateEntry<T>(Func<T, EventContext, CancellationToken, ValueTask> handler, string? channel, string? domain, bool ordered, bool skipBacklog = false)
    : HandlerEntry("lambda<" + typeof(T).Name + ">", KrytenEventInfo.Of<T>(), null, channel, domain, ordered, skipBacklog)
    where T : class, IKrytenEvent<T>
{
    public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) =>
        handler((T)evt, context, cancellationToken);
}

/// <summary>A raw lambda: every event, or one event name, as <see cref="KrytenRawEvent"/>.</summary>
internal sealed class RawDelegateEntry(Func<KrytenRawEvent, EventContext, CancellationToken, ValueTask> handler, string? eventName, string? channel, string? domain, bool ordered, bool skipBacklog = false)
    : HandlerEntry("raw-lambda", null, eventName, channel, domain, ordered, skipBacklog)
{
    public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) =>
        handler((KrytenRawEvent)evt, context, cancellationToken);
}

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// One registered handler as dispatch sees it: what it handles, its filters, and how to call it.
/// Filters are precomputed: the channel filter as its normalized subject token.
/// </summary>
internal abstract class HandlerEntry(string name, string? eventName, bool isRaw, string? channel, string? domain, bool ordered)
{
    public string Name { get; } = name;

    /// <summary>CyTube event name; null only for raw handlers of every event.</summary>
    public string? EventName { get; } = eventName;

    public bool IsRaw { get; } = isRaw;

    public string? ChannelToken { get; } = channel is null ? null : KrytenSubjects.Normalize(channel);

    public string? Domain { get; } = domain;

    public bool Ordered { get; } = ordered;

    /// <summary>The channel rule: normalize(filter) == normalize(envelope channel); domains compare case-insensitively.</summary>
    public bool Matches(string channelToken, string domain) =>
        (ChannelToken is null || string.Equals(ChannelToken, channelToken, StringComparison.Ordinal))
        && (Domain is null || string.Equals(Domain, domain, StringComparison.OrdinalIgnoreCase));

    /// <summary>For typed entries whose record differs from the shared parse: the record parsed for this entry.</summary>
    public virtual object? Adapt(object? shared, ReadOnlySpan<byte> payload) => shared;

    public abstract ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken);
}

/// <summary>A generated <c>[KrytenHandler]</c> method, called through the set's generated switch.</summary>
internal sealed class HandlerSetEntry(IKrytenHandlerSet set, KrytenHandlerDescriptor d)
    : HandlerEntry(d.Name, d.EventName, d.IsRaw, d.Channel, d.Domain, d.Ordered)
{
    public IKrytenHandlerSet Set { get; } = set;

    public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) =>
        Set.InvokeKrytenHandlerAsync(d.Index, evt, context, cancellationToken);
}

/// <summary>A lambda registered with <see cref="KrytenClient.On{T}(Func{T, EventContext, CancellationToken, ValueTask}, string?, string?, bool)"/>.</summary>
internal sealed class DelegateEntry<T>(Func<T, EventContext, CancellationToken, ValueTask> handler, string? channel, string? domain, bool ordered)
    : HandlerEntry("lambda<" + typeof(T).Name + ">", T.CytubeEventName, false, channel, domain, ordered)
    where T : class, IKrytenEvent<T>
{
    public override object? Adapt(object? shared, ReadOnlySpan<byte> payload) =>
        shared as T ?? System.Text.Json.JsonSerializer.Deserialize(payload, T.JsonTypeInfo);

    public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) =>
        handler((T)evt, context, cancellationToken);
}

/// <summary>A raw lambda: every event, or one event name, as <see cref="KrytenRawEvent"/>.</summary>
internal sealed class RawDelegateEntry(Func<KrytenRawEvent, EventContext, CancellationToken, ValueTask> handler, string? eventName, string? channel, string? domain, bool ordered)
    : HandlerEntry("raw-lambda", eventName, true, channel, domain, ordered)
{
    public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) =>
        handler((KrytenRawEvent)evt, context, cancellationToken);
}

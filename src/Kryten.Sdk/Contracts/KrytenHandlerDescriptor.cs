using Kryten.Sdk.Events;

namespace Kryten.Sdk;

/// <summary>What one generated handler method handles, as the runtime needs it to route events.</summary>
/// <param name="Index">Position in <see cref="IKrytenHandlerSet.KrytenHandlers"/>.</param>
/// <param name="Name">The handler method, as <c>Type.Method</c>, for logs and metrics.</param>
/// <param name="Event">The event a typed handler takes (name and payload reader); null for a raw handler.</param>
/// <param name="RawEventName">The one event a raw handler takes; null for every event (and for typed handlers).</param>
/// <param name="Channel">Channel filter from the attribute, or null.</param>
/// <param name="Domain">Domain filter from the attribute, or null.</param>
/// <param name="Ordered">Keep per-channel arrival order for this handler.</param>
/// <example>
/// <code>
/// new KrytenHandlerDescriptor(0, "EchoBot.OnChat", KrytenEventInfo.Of&lt;ChatMessage&gt;(), RawEventName: null, Channel: null, Domain: null, Ordered: false);
/// </code>
/// </example>
public sealed record KrytenHandlerDescriptor(
    int Index,
    string Name,
    KrytenEventInfo? Event,
    string? RawEventName,
    string? Channel,
    string? Domain,
    bool Ordered)
{
    /// <summary>The handler is not called for chat backlog (<see cref="KrytenHandlerAttribute.SkipBacklog"/>).</summary>
    public bool SkipBacklog { get; init; }

    /// <summary>True when the handler takes <see cref="KrytenRawEvent"/>.</summary>
    public bool IsRaw => Event is null;

    /// <summary>The CyTube event name handled; null for a raw handler of every event.</summary>
    public string? EventName => Event?.CytubeName ?? RawEventName;
}

namespace Kryten.Sdk;

/// <summary>What one generated handler method handles, as the runtime needs it to route events.</summary>
/// <param name="Index">Position in <see cref="IKrytenHandlerSet.KrytenHandlers"/>.</param>
/// <param name="Name">The handler method, as <c>Type.Method</c>, for logs and metrics.</param>
/// <param name="EventName">CyTube event name; null for a raw handler of every event.</param>
/// <param name="IsRaw">True when the handler takes <see cref="KrytenRawEvent"/>.</param>
/// <param name="Channel">Channel filter from the attribute, or null.</param>
/// <param name="Domain">Domain filter from the attribute, or null.</param>
/// <param name="Ordered">Keep per-channel arrival order for this handler.</param>
/// <example>
/// <code>
/// new KrytenHandlerDescriptor(0, "EchoBot.OnChat", "chatMsg", IsRaw: false, Channel: null, Domain: null, Ordered: false);
/// </code>
/// </example>
public sealed record KrytenHandlerDescriptor(
    int Index,
    string Name,
    string? EventName,
    bool IsRaw,
    string? Channel,
    string? Domain,
    bool Ordered);

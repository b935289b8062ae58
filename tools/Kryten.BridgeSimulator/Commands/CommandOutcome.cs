namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// An event as the bridge publishes it: the envelope is built once, so a reply that embeds it (<c>requestBanlist</c>
/// and the other awaiting commands) carries the same bytes, timestamp and correlation id as the published message.
/// </summary>
internal sealed record PublishedEvent(string EventName, byte[] Envelope);

/// <summary>What the bridge does with one <c>kryten.robot.command</c> request.</summary>
/// <param name="Reply">The reply body, or null when the bridge stays silent (unknown command, another bridge's meta).</param>
/// <param name="Events">Events published before the reply, in order.</param>
/// <param name="Summary">One human-readable line for the log.</param>
/// <param name="ReplyDelay">
/// How long the bridge waits before replying when CyTube never answers (8 s for <c>addvideo</c>, 5 s for the awaiting
/// queries); zero otherwise.
/// </param>
internal sealed record CommandOutcome(byte[]? Reply, IReadOnlyList<PublishedEvent> Events, string Summary, TimeSpan ReplyDelay = default)
{
    /// <summary><c>system.shutdown</c>: the bridge shuts down gracefully this long after replying.</summary>
    public TimeSpan? ShutdownAfter { get; init; }
}

namespace Kryten.Sdk;

/// <summary>
/// One part of a channel's robot state changed: the bridge wrote a new value, deleted it, its bucket appeared or
/// vanished, or it could not be read. <see cref="Snapshot"/> is the whole state right after the change.
/// </summary>
/// <param name="Channel">The bridge's channel, raw.</param>
/// <param name="Part">The part that changed.</param>
/// <param name="Snapshot">The state after the change.</param>
/// <example>
/// <code>
/// await foreach (var change in client.ChannelState("420Grindhouse").WatchAsync(ct))
/// {
///     if (change.Part == KrytenStatePart.Current &amp;&amp; change.Snapshot.Current.TryGetValue(out var media))
///         Console.WriteLine($"now playing {media.Title}");
/// }
/// </code>
/// </example>
public sealed record KrytenStateChange(string Channel, KrytenStatePart Part, KrytenStateSnapshot Snapshot)
{
    /// <summary>The changed part as it is now (its status, reason and value).</summary>
    public KrytenStateValue Value => Snapshot[Part];
}

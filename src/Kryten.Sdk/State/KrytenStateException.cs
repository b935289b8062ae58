namespace Kryten.Sdk;

/// <summary>
/// A part of a channel's robot state was asked for but is not known: it is loading, not there (absent) or could not
/// be read (failed). Catch it to tell "the bridge stores no CSS" or "JetStream timed out" from a real value; the
/// state never answers with an empty stand-in a caller could write back.
/// </summary>
/// <example>
/// <code>
/// try
/// {
///     string css = client.ChannelState("420Grindhouse").Snapshot.Css.Value;
/// }
/// catch (KrytenStateException e) when (e.Status == KrytenStateStatus.Failed)
/// {
///     Console.Error.WriteLine($"could not read the CSS: {e.Message}");   // do not overwrite the channel's CSS now
/// }
/// </code>
/// </example>
public sealed class KrytenStateException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="channel">The bridge's channel, raw.</param>
    /// <param name="part">The part asked for; null when the whole state is unavailable (turned off or left out of the build).</param>
    /// <param name="status">What is known of the part.</param>
    /// <param name="reason">Why it is absent or failed.</param>
    /// <param name="message">What happened, for people.</param>
    /// <param name="innerException">The NATS failure, if any.</param>
    public KrytenStateException(string channel, KrytenStatePart? part, KrytenStateStatus status, KrytenStateReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Channel = channel;
        Part = part;
        Status = status;
        Reason = reason;
    }

    /// <summary>The bridge's channel, raw.</summary>
    public string Channel { get; }

    /// <summary>The part asked for; null when the whole state is unavailable.</summary>
    public KrytenStatePart? Part { get; }

    /// <summary>What is known of the part: <see cref="KrytenStateStatus.Loading"/>, <see cref="KrytenStateStatus.Absent"/> or <see cref="KrytenStateStatus.Failed"/>.</summary>
    public KrytenStateStatus Status { get; }

    /// <summary>Why it is absent or failed.</summary>
    public KrytenStateReason Reason { get; }
}

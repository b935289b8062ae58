using Kryten.Sdk.Wire;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// One configured channel as the client receives it: its subject, its envelope reader (one per receive loop) and its
/// counters for <see cref="KrytenClient.Health"/>.
/// </summary>
internal sealed class ChannelSubscription(KrytenChannelOptions channel, string subject, EnvelopeReader reader)
{
    private long _events;

    // The subject token of the envelope channel seen last: a channel's envelopes all carry the same channel name, and
    // the envelope reader hands out one string instance for it, so a reference check finds it.
    private string? _lastChannel, _lastToken;

    public KrytenChannelOptions Channel { get; } = channel;

    public string Subject { get; } = subject;

    /// <summary>Reads this subscription's envelopes; used only by its receive loop.</summary>
    public EnvelopeReader Reader { get; } = reader;

    public volatile bool Subscribed;

    public long Events => Interlocked.Read(ref _events);

    public void EventReceived() => Interlocked.Increment(ref _events);

    /// <summary>The subject token of an envelope's channel, for matching handler channel filters.</summary>
    public string Token(string envelopeChannel)
    {
        if (!ReferenceEquals(envelopeChannel, _lastChannel))
        {
            (_lastChannel, _lastToken) = (envelopeChannel, KrytenSubjects.Normalize(envelopeChannel));
        }
        return _lastToken!;
    }
}

namespace Kryten.Sdk.Dispatch;

/// <summary>One configured channel's subscription and counters, for <see cref="KrytenClient.Health"/>.</summary>
internal sealed class ChannelState(KrytenChannelOptions channel, string subject)
{
    private long _events;

    // The subject token of the envelope channel this subscription saw last. Only this subscription's receive loop
    // touches it, and the envelope reader hands out one string instance per channel name, so a reference check suffices.
    private string? _lastChannel, _lastToken;

    public KrytenChannelOptions Channel { get; } = channel;

    public string Subject { get; } = subject;

    public volatile bool Subscribed;

    public long Events => Volatile.Read(ref _events);

    /// <summary>Counts an event; called only by this subscription's receive loop, so a plain increment is safe.</summary>
    public void EventReceived() => Volatile.Write(ref _events, _events + 1);

    /// <summary>The subject token of an envelope channel seen on this subscription.</summary>
    public string Token(string channel)
    {
        if (ReferenceEquals(channel, _lastChannel)) return _lastToken!;
        var token = KrytenSubjects.Normalize(channel);
        (_lastChannel, _lastToken) = (channel, token);
        return token;
    }
}

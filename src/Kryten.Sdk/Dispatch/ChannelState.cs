namespace Kryten.Sdk.Dispatch;

/// <summary>One configured channel's subscription and counters, for <see cref="KrytenClient.Health"/>.</summary>
internal sealed class ChannelState(KrytenChannelOptions channel, string subject)
{
    private long _events;

    public KrytenChannelOptions Channel { get; } = channel;

    public string Subject { get; } = subject;

    public volatile bool Subscribed;

    public long Events => Interlocked.Read(ref _events);

    public void EventReceived() => Interlocked.Increment(ref _events);
}

using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk.Lifecycle;

/// <summary>
/// Tells CyTube's replayed chat from live chat (wire-contract §9.1, §9.5). When the bridge first joins a channel, CyTube
/// sends it the last chat messages, and the bridge publishes them as ordinary <c>chatMsg</c> events with their old
/// <c>time</c>; after a reconnect the bridge drops the replay itself. So a <c>chatMsg</c> is backlog when its
/// <c>time</c> is earlier than the moment it could first have been relayed live: the later of
/// <list type="bullet">
/// <item>when the bridge process that relays it started — the timestamp minus <c>uptime_seconds</c> of any of its
/// lifecycle events this client received (the first startup comes before the bridge joins CyTube, so before the replay);</item>
/// <item>when this client connected (with at-most-once delivery: a bot that was down gets nothing it missed, so anything
/// older reaching it is a replay; with at-least-once delivery, events from before the connect are what the stream kept
/// for it, so this part does not apply).</item>
/// </list>
/// Only moves forward, so several bridges on one NATS server can only make the mark later, never flag live chat.
/// </summary>
internal sealed class ChatBacklog
{
    // Unix milliseconds (CyTube's `time` unit) before which chat is backlog; MinValue until something is known.
    private long _liveSinceMs = long.MinValue;

    /// <summary>Chat older than now is backlog from here on (the client connected).</summary>
    public void ClientConnected(DateTimeOffset now) => Advance(now.ToUnixTimeMilliseconds());

    /// <summary>A lifecycle event of the bridge: chat older than its process start is backlog.</summary>
    public void BridgeStarted(DateTimeOffset processStart) => Advance(processStart.ToUnixTimeMilliseconds());

    /// <summary>
    /// Whether an envelope's event is backlog: a <c>chatMsg</c> whose record (read with the envelope, see
    /// <see cref="EventRoute.ChatRecord"/>) is older than the mark. A payload that does not fit <see cref="ChatMessage"/>
    /// is not backlog (dispatch reports it).
    /// </summary>
    public bool IsBacklog(in KrytenEnvelope envelope) =>
        envelope.Route.ChatRecord >= 0
        && envelope.Records.Span[envelope.Route.ChatRecord].Record is ChatMessage chat
        && chat.TimeMs < Volatile.Read(ref _liveSinceMs);

    private void Advance(long mark)
    {
        var current = Volatile.Read(ref _liveSinceMs);
        while (mark > current)
        {
            var seen = Interlocked.CompareExchange(ref _liveSinceMs, mark, current);
            if (seen == current) return;
            current = seen;
        }
    }
}

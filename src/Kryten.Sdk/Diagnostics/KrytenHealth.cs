using System.Text;

namespace Kryten.Sdk;

/// <summary>What <see cref="KrytenClient.Health"/> reports.</summary>
/// <param name="State">Connection state.</param>
/// <param name="Uptime">Time since the client connected.</param>
/// <param name="Channels">Each configured channel's subscription.</param>
/// <param name="EventsReceived">Valid envelopes received.</param>
/// <param name="EventsMalformed">Messages skipped as malformed (bad envelope or payload of the wrong shape).</param>
/// <param name="EventsDropped">Events dropped unseen because handlers fell behind (<see cref="KrytenOptions.MaxPendingEvents"/>).</param>
/// <param name="EventsDeadLettered">At-least-once events given up after <see cref="KrytenDeliveryOptions.MaxDeliveries"/>.</param>
/// <param name="CommandsSent">Commands published or answered.</param>
/// <param name="CommandsFailed">Commands that failed (publish, timeout, bridge error).</param>
/// <param name="ChatPending">Chat messages and PMs queued or being sent (see <see cref="KrytenChatOptions"/>).</param>
/// <param name="ChatNotSent">Chat messages and PMs that were queued but not sent: publishing failed, or the client stopped first.</param>
/// <param name="HandlerErrors">Handler invocations that threw.</param>
/// <param name="HandlerTimeouts">Handler invocations that ran past the timeout.</param>
/// <param name="MeanHandlerLatency">Mean handler time over the last 1024 invocations.</param>
/// <param name="P99HandlerLatency">99th percentile handler time over the same invocations.</param>
/// <param name="LastEventTime">When the last valid envelope arrived.</param>
/// <param name="HandlersRegistered">Registered handlers (generated methods, lambdas, raw, streams).</param>
/// <param name="Bridge">What the bridge last said of itself in its lifecycle messages.</param>
/// <param name="RobotState">The robot state's load and JetStream's availability; null when the client keeps no state.</param>
/// <example><code>var h = client.Health(); Console.WriteLine($"{h.State} {h.EventsReceived} events, p99 {h.P99HandlerLatency.TotalMilliseconds} ms");</code></example>
public sealed record KrytenHealth(
    KrytenConnectionState State,
    TimeSpan Uptime,
    IReadOnlyList<KrytenChannelHealth> Channels,
    long EventsReceived,
    long EventsMalformed,
    long EventsDropped,
    long EventsDeadLettered,
    long CommandsSent,
    long CommandsFailed,
    int ChatPending,
    long ChatNotSent,
    long HandlerErrors,
    long HandlerTimeouts,
    TimeSpan MeanHandlerLatency,
    TimeSpan P99HandlerLatency,
    DateTimeOffset? LastEventTime,
    int HandlersRegistered,
    KrytenBridgeHealth Bridge,
    KrytenRobotStateHealth? RobotState)
{
    /// <summary>All errors: malformed, dropped and dead-lettered events, failed commands, chat not sent, handler errors and timeouts.</summary>
    public long Errors => EventsMalformed + EventsDropped + EventsDeadLettered + CommandsFailed + ChatNotSent + HandlerErrors + HandlerTimeouts;

    // The compiler's version would print Channels as its type name (System.Collections.Generic.List`1[...]); this one
    // prints each channel's record and every other member as the compiler does. A new member must be added here too
    // (HealthTests checks that every property is printed).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("State = ").Append(State).Append(", Uptime = ").Append(Uptime).Append(", Channels = [");
        var channels = Channels ?? [];
        for (var i = 0; i < channels.Count; i++) builder.Append(i == 0 ? " " : ", ").Append(channels[i]);
        builder.Append(channels.Count == 0 ? "]" : " ]")
            .Append(", EventsReceived = ").Append(EventsReceived)
            .Append(", EventsMalformed = ").Append(EventsMalformed)
            .Append(", EventsDropped = ").Append(EventsDropped)
            .Append(", EventsDeadLettered = ").Append(EventsDeadLettered)
            .Append(", CommandsSent = ").Append(CommandsSent)
            .Append(", CommandsFailed = ").Append(CommandsFailed)
            .Append(", ChatPending = ").Append(ChatPending)
            .Append(", ChatNotSent = ").Append(ChatNotSent)
            .Append(", HandlerErrors = ").Append(HandlerErrors)
            .Append(", HandlerTimeouts = ").Append(HandlerTimeouts)
            .Append(", MeanHandlerLatency = ").Append(MeanHandlerLatency)
            .Append(", P99HandlerLatency = ").Append(P99HandlerLatency)
            .Append(", LastEventTime = ").Append(LastEventTime)
            .Append(", HandlersRegistered = ").Append(HandlersRegistered)
            .Append(", Bridge = ").Append(Bridge)
            .Append(", RobotState = ").Append(RobotState)
            .Append(", Errors = ").Append(Errors);
        return true;
    }
}

/// <summary>One configured channel in <see cref="KrytenHealth"/>.</summary>
/// <param name="Domain">The channel's domain.</param>
/// <param name="Channel">The channel as configured.</param>
/// <param name="Subject">The subscription subject.</param>
/// <param name="Subscribed">True while the subscription is live.</param>
/// <param name="EventsReceived">Valid envelopes received on it.</param>
/// <example><code>foreach (var c in client.Health().Channels) Console.WriteLine($"{c.Channel}: {c.EventsReceived}");</code></example>
public sealed record KrytenChannelHealth(string Domain, string Channel, string Subject, bool Subscribed, long EventsReceived);

/// <summary>The bridge as its lifecycle messages (wire-contract §5.1) describe it.</summary>
/// <param name="Status">Running after its startup or connected message, stopped after its disconnected or shutdown message.</param>
/// <param name="LastLifecycleEvent">The last lifecycle message's name (e.g. <c>robot.startup</c>), or null before any.</param>
/// <param name="LastSeen">When that message arrived.</param>
/// <example><code>if (client.Health().Bridge.Status == KrytenBridgeStatus.Stopped) Console.WriteLine("the bridge said goodbye");</code></example>
public sealed record KrytenBridgeHealth(KrytenBridgeStatus Status, string? LastLifecycleEvent, DateTimeOffset? LastSeen);

/// <summary>What the bridge's lifecycle messages say of it (it publishes no heartbeat, so silence is not an answer).</summary>
public enum KrytenBridgeStatus
{
    /// <summary>No lifecycle message of the bridge arrived since the client connected.</summary>
    Unknown,

    /// <summary>The bridge announced its startup or a connection.</summary>
    Running,

    /// <summary>The bridge announced its disconnection or shutdown.</summary>
    Stopped,
}

/// <summary>The robot state of every channel the client follows (<see cref="KrytenClient.ChannelState"/>).</summary>
/// <param name="Channels">Channels whose state the client reads.</param>
/// <param name="ChannelsLoaded">Channels every part of which has answered (present, absent or failed).</param>
/// <param name="PartsFailed">Parts that could not be read (JetStream unavailable, a timeout, a malformed value).</param>
/// <param name="JetStreamAvailable">False while a part failed because the NATS server has no JetStream for the account.</param>
/// <example><code>if (client.Health().RobotState is { JetStreamAvailable: false }) Console.WriteLine("no JetStream: no robot state");</code></example>
public sealed record KrytenRobotStateHealth(int Channels, int ChannelsLoaded, int PartsFailed, bool JetStreamAvailable);

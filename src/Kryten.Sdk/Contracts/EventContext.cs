using Kryten.Sdk.Commands;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk;

/// <summary>
/// The bridge envelope's metadata for the event being handled, how it was delivered, and the command sender to answer
/// with. A value type, so dispatch allocates nothing for it.
/// </summary>
/// <example>
/// <code>
/// public sealed partial class Greeter
/// {
///     [KrytenHandler]
///     public Task OnJoin(UserJoined user, EventContext ctx) =>
///         ctx.Commands.SayAsync($"welcome {user.Name} to {ctx.Channel}").AsTask();
/// }
/// </code>
/// </example>
public readonly struct EventContext
{
    private readonly IKrytenCommandSender _commands;
    private readonly EventCorrelationId _correlation;

    /// <summary>Creates a context; the runtime does this for every dispatched event (tests of handlers may too).</summary>
    /// <param name="eventName">The envelope's <c>event_name</c>.</param>
    /// <param name="channel">The envelope's channel, raw.</param>
    /// <param name="domain">The envelope's domain.</param>
    /// <param name="subject">The NATS subject the event arrived on.</param>
    /// <param name="timestamp">The envelope's timestamp.</param>
    /// <param name="correlationId">The envelope's correlation id.</param>
    /// <param name="commands">The sender <see cref="Commands"/> wraps (the client, or a test double).</param>
    /// <param name="deliveryAttempt">1 for a first delivery; more when an at-least-once delivery is repeated.</param>
    /// <param name="isBacklog">The event is chat CyTube replayed when the bridge joined the channel.</param>
    public EventContext(
        string eventName,
        string channel,
        string domain,
        string subject,
        DateTimeOffset timestamp,
        string correlationId,
        IKrytenCommandSender commands,
        int deliveryAttempt = 1,
        bool isBacklog = false)
        : this(eventName, channel, domain, subject, timestamp, EventCorrelationId.FromText(correlationId), commands, deliveryAttempt, isBacklog)
    {
    }

    /// <summary>The runtime's constructor: the correlation id stays as read until someone asks for its text.</summary>
    internal EventContext(string eventName, string channel, string domain, string subject, DateTimeOffset timestamp,
        EventCorrelationId correlation, IKrytenCommandSender commands, int deliveryAttempt, bool isBacklog)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deliveryAttempt, 1);
        EventName = eventName;
        Channel = channel;
        Domain = domain;
        Subject = subject;
        Timestamp = timestamp;
        _correlation = correlation;
        _commands = commands;
        DeliveryAttempt = deliveryAttempt;
        IsBacklog = isBacklog;
    }

    /// <summary>The CyTube event name as the envelope's <c>event_name</c> carries it (CyTube's case).</summary>
    public string EventName { get; }

    /// <summary>The bridge's configured channel, raw (e.g. <c>Lounge Test</c>).</summary>
    public string Channel { get; }

    /// <summary>The bridge's configured CyTube domain (e.g. <c>cytu.be</c>).</summary>
    public string Domain { get; }

    /// <summary>The NATS subject the event arrived on.</summary>
    public string Subject { get; }

    /// <summary>When the bridge wrapped the event (the envelope's <c>timestamp</c>).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>
    /// The envelope's <c>correlation_id</c>; commands sent through <see cref="Commands"/> carry it. The bridge's uuid4
    /// ids are kept as their bytes until read, so each read of this property makes the string anew.
    /// </summary>
    public string CorrelationId => _correlation.ToString();

    /// <summary>
    /// Which delivery of this event this is: always 1 with the default (core NATS) delivery; with
    /// <see cref="KrytenDelivery.AtLeastOnce"/>, 2 and more when JetStream redelivers it (a handler failed, or the bot
    /// stopped before acknowledging). A redelivered event keeps its correlation id.
    /// </summary>
    public int DeliveryAttempt { get; }

    /// <summary>True when this event was delivered before (see <see cref="DeliveryAttempt"/>).</summary>
    public bool IsRedelivery => DeliveryAttempt > 1;

    /// <summary>
    /// The live robot state of the event's channel (<see cref="KrytenClient.ChannelState"/>): e.g. the sender of a chat
    /// message or PM, whose event carries no rank, with <c>await ctx.ChannelState.FindUserAsync(msg.Username, ct)</c>.
    /// Throws <see cref="KrytenStateException"/> when the client keeps no state, or the context was not made by a client.
    /// </summary>
    /// <example>
    /// <code>
    /// var sender = await ctx.ChannelState.FindUserAsync("alice", ct);
    /// bool moderator = sender?.Rank &gt;= 2;
    /// </code>
    /// </example>
    public KrytenChannelState ChannelState => _commands is State.IChannelStateSource source
        ? source.ChannelStateOf(Channel, Domain)
        : throw new KrytenStateException(Channel, null, KrytenStateStatus.Absent, KrytenStateReason.Off, "This EventContext was not made by a KrytenClient, so it has no robot state");

    /// <summary>
    /// True for a <c>chatMsg</c> from the chat backlog CyTube replays when the bridge first joins the channel: its
    /// <c>time</c> is earlier than when this client connected (with at-most-once delivery) and earlier than when the
    /// bridge that relayed it started (learned from the bridge's lifecycle events). A live message is never older than
    /// either, so a bot that answers commands can ignore these (<see cref="KrytenHandlerAttribute.SkipBacklog"/>,
    /// <see cref="KrytenOptions.SkipBacklog"/>). The rule compares CyTube's clock with the bridge's and the bot's, so it
    /// assumes clocks kept in step (NTP). Always false for other events.
    /// </summary>
    public bool IsBacklog { get; }

    /// <summary>
    /// Sends commands as replies to this event: their channel and domain default to the event's, and each carries the
    /// event's correlation id as <c>meta.caused_by</c> (and on its span), also from work the handler starts and leaves
    /// running. Commands sent through the client itself carry no <c>caused_by</c> unless
    /// <see cref="KrytenCommand.CausedBy"/> is set, so dispatch needs no per-event ambient state.
    /// </summary>
    public IKrytenCommandSender Commands => new EventCommandSender(_commands, Channel.Length == 0 ? null : Channel, Domain.Length == 0 ? null : Domain, CorrelationId);
}

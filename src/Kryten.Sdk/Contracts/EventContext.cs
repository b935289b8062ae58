namespace Kryten.Sdk;

/// <summary>
/// The bridge envelope's metadata for the event being handled, plus the command sender to answer
/// with. A value type so that dispatch allocates nothing for it.
/// </summary>
/// <example>
/// <code>
/// [KrytenHandler]
/// public Task OnJoin(AddUser user, EventContext ctx) =>
///     ctx.Commands.SayAsync($"welcome {user.Name} to {ctx.Channel}").AsTask();
/// </code>
/// </example>
public readonly struct EventContext
{
    /// <summary>Creates a context; the runtime does this for every dispatched event.</summary>
    public EventContext(
        string eventName,
        string channel,
        string domain,
        string subject,
        DateTimeOffset timestamp,
        string correlationId,
        IKrytenCommandSender commands)
    {
        EventName = eventName;
        Channel = channel;
        Domain = domain;
        Subject = subject;
        Timestamp = timestamp;
        CorrelationId = correlationId;
        Commands = commands;
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

    /// <summary>The envelope's <c>correlation_id</c>; commands sent from the handler carry it.</summary>
    public string CorrelationId { get; }

    /// <summary>Sends commands; defaults their channel and domain to this event's.</summary>
    public IKrytenCommandSender Commands { get; }
}

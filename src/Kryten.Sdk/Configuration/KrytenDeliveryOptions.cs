namespace Kryten.Sdk;

/// <summary>How a client receives events.</summary>
/// <example><code>options.Delivery.Mode = KrytenDelivery.AtLeastOnce;</code></example>
public enum KrytenDelivery
{
    /// <summary>Core NATS, as the bridge publishes: a bot that is down or too slow misses events (the default).</summary>
    AtMostOnce,

    /// <summary>
    /// Through a JetStream stream that captures the channels' event subjects and a durable consumer: an event is
    /// acknowledged only after every handler finished, redelivered when one failed, and survives the bot being down.
    /// </summary>
    AtLeastOnce,
}

/// <summary>Storage of a JetStream stream the client creates.</summary>
public enum KrytenStreamStorage
{
    /// <summary>On disk (survives a nats-server restart).</summary>
    File,

    /// <summary>In memory.</summary>
    Memory,
}

/// <summary>Retention of a JetStream stream the client creates.</summary>
public enum KrytenStreamRetention
{
    /// <summary>Kept until <see cref="KrytenDeliveryOptions.MaxAge"/> (several bots can consume the same stream).</summary>
    Limits,

    /// <summary>Kept while a consumer has not acknowledged them.</summary>
    Interest,

    /// <summary>Removed once acknowledged (one consumer).</summary>
    WorkQueue,
}

/// <summary>At-least-once delivery through JetStream (<see cref="KrytenDelivery.AtLeastOnce"/>).</summary>
/// <example>
/// <code>
/// options.Delivery = new KrytenDeliveryOptions { Mode = KrytenDelivery.AtLeastOnce, Durable = "dj-bot", CreateStream = true, MaxDeliveries = 5 };
/// </code>
/// </example>
public sealed class KrytenDeliveryOptions
{
    /// <summary>At most once (core NATS) or at least once (JetStream).</summary>
    public KrytenDelivery Mode { get; set; } = KrytenDelivery.AtMostOnce;

    /// <summary>The durable consumer's name (required for at-least-once): where the bot resumes after a restart.</summary>
    public string? Durable { get; set; }

    /// <summary>The stream that captures the channels' event subjects.</summary>
    public string Stream { get; set; } = "KRYTEN_EVENTS";

    /// <summary>
    /// Create the stream when it does not exist, and add the channels' subjects to it when it lacks them. When false,
    /// a missing stream or subject fails <see cref="KrytenClient.ConnectAsync"/> with a <see cref="KrytenConfigurationException"/>.
    /// </summary>
    public bool CreateStream { get; set; }

    /// <summary>Retention of a stream the client creates.</summary>
    public KrytenStreamRetention Retention { get; set; } = KrytenStreamRetention.Limits;

    /// <summary>How long a stream the client creates keeps events.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Storage of a stream the client creates.</summary>
    public KrytenStreamStorage Storage { get; set; } = KrytenStreamStorage.File;

    /// <summary>Deliveries of one event before it is given up as dead-lettered (logged and counted).</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long JetStream waits for an acknowledgement before redelivering; must exceed <see cref="KrytenOptions.HandlerTimeout"/>.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Waits before redelivering an event whose handler failed: the first for the first retry, and so on (the last repeats).</summary>
    public IList<TimeSpan> Backoff { get; set; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>An event whose correlation id was fully handled within this window is not dispatched again.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc/>
    public override string ToString() =>
        Mode == KrytenDelivery.AtMostOnce ? "{ Mode = AtMostOnce }" : $"{{ Mode = AtLeastOnce, Durable = {Durable}, Stream = {Stream}, CreateStream = {CreateStream}, MaxDeliveries = {MaxDeliveries} }}";
}

namespace Kryten.Nats;

/// <summary>Per-subscription settings that override the connection defaults.</summary>
/// <example>
/// <code>
/// await using var sub = await connection.SubscribeAsync("telemetry.>", opts: new NatsSubOpts { PendingMessages = 1000 });
/// </code>
/// </example>
public sealed record NatsSubOpts
{
    /// <summary>Most messages held for the consumer before new ones are dropped (default <see cref="NatsOpts.SubPendingMessages"/>).</summary>
    /// <example><code>new NatsSubOpts { PendingMessages = 1000 }</code></example>
    public int? PendingMessages { get; init; }

    /// <summary>Most payload bytes held for the consumer before new messages are dropped (default <see cref="NatsOpts.SubPendingBytes"/>).</summary>
    /// <example><code>new NatsSubOpts { PendingBytes = 16 * 1024 * 1024 }</code></example>
    public long? PendingBytes { get; init; }
}

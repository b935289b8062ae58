namespace Kryten.Nats;

/// <summary>Live counters of a connection. Reads are atomic per counter, not across counters.</summary>
/// <example>
/// <code>
/// var s = connection.Statistics;
/// Console.WriteLine($"in {s.MsgsIn} msgs / {s.BytesIn} B, out {s.MsgsOut} msgs, reconnects {s.Reconnects}");
/// </code>
/// </example>
public sealed class NatsStatistics
{
    internal long _msgsIn, _msgsOut, _bytesIn, _bytesOut, _reconnects, _slowConsumerDrops;

    /// <summary>Messages received from the server.</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.MsgsIn);</code></example>
    public long MsgsIn => Interlocked.Read(ref _msgsIn);

    /// <summary>Messages published (including requests and replies).</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.MsgsOut);</code></example>
    public long MsgsOut => Interlocked.Read(ref _msgsOut);

    /// <summary>Header plus payload bytes received.</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.BytesIn);</code></example>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Header plus payload bytes published.</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.BytesOut);</code></example>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Successful reconnects.</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.Reconnects);</code></example>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Messages dropped because a subscription's pending queue was full.</summary>
    /// <example><code>Console.WriteLine(connection.Statistics.SlowConsumerDrops);</code></example>
    public long SlowConsumerDrops => Interlocked.Read(ref _slowConsumerDrops);
}

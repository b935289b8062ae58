using System.Threading.RateLimiting;

namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// One command's cooldowns, one <see cref="ChatCooldown"/> per user, channel or none (<see cref="CooldownScope"/>). Kept
/// apart from <see cref="PartitionedRateLimiter"/> because a use whose arguments do not parse is given back
/// (<see cref="ChatCooldown.GiveBack"/>), which that API cannot reach; idle partitions are dropped as it would.
/// </summary>
internal sealed class ChatCooldowns(TimeSpan period, CooldownScope scope, TimeProvider time)
{
    private const int PruneAbove = 1024;
    private readonly Dictionary<string, ChatCooldown> _partitions = new(StringComparer.Ordinal);

    /// <summary>Takes a use for <paramref name="sender"/> in <paramref name="channel"/>; the lease says when the next one is allowed if not.</summary>
    public (ChatCooldown Partition, RateLimitLease Lease) Acquire(string channel, string domain, string sender)
    {
        var key = scope switch
        {
            CooldownScope.User => $"{domain}/{channel}/{sender.ToLowerInvariant()}",
            CooldownScope.Channel => $"{domain}/{channel}",
            _ => string.Empty,
        };
        lock (_partitions)
        {
            if (_partitions.Count > PruneAbove)
            {
                foreach (var idle in _partitions.Where(p => p.Value.IdleDuration is not null).Select(p => p.Key).ToList()) _partitions.Remove(idle);
            }
            if (!_partitions.TryGetValue(key, out var partition)) _partitions[key] = partition = new ChatCooldown(period, time);
            return (partition, partition.AttemptAcquire());
        }
    }
}

/// <summary>
/// A <see cref="RateLimiter"/> that allows one use per period, measured on a <see cref="TimeProvider"/> (the built-in
/// limiters read the system clock, which tests cannot move). A refused lease carries <see cref="MetadataName.RetryAfter"/>.
/// </summary>
internal sealed class ChatCooldown(TimeSpan period, TimeProvider time) : RateLimiter
{
    private readonly object _gate = new();
    private long _lastUse = long.MinValue;
    private long _previousUse = long.MinValue;

    /// <summary>Null while cooling down; else how long it has been free (the idle rule of <see cref="PartitionedRateLimiter"/>).</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate) return Remaining() is { } left && left > TimeSpan.Zero ? null : SinceLastUse() - period;
        }
    }

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Gives back the last use (its command did not run), as if it had not been taken.</summary>
    public void GiveBack()
    {
        lock (_gate) _lastUse = _previousUse;
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        lock (_gate)
        {
            if (Remaining() is { } left && left > TimeSpan.Zero) return new CooldownLease(left);
            _previousUse = _lastUse;
            _lastUse = time.GetTimestamp();
            return CooldownLease.Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private TimeSpan? Remaining() => _lastUse == long.MinValue ? null : period - SinceLastUse();

    private TimeSpan SinceLastUse() => _lastUse == long.MinValue ? TimeSpan.MaxValue : time.GetElapsedTime(_lastUse);

    private sealed class CooldownLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly CooldownLease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

using System.Collections.Concurrent;
using Kryten.Sdk;

namespace KrytenCounter;

/// <summary>
/// The counter service: one method per command of counter.yaml, with typed arguments (already checked against the
/// contract's rules) and the caller's metadata. Counters live in memory; a service that must keep them across restarts
/// would keep them in a KV bucket it owns (client.OpenBucketAsync).
/// </summary>
internal sealed class CounterService : ICounterService
{
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);

    public ValueTask<Counter> AddAsync(string name, int by, KrytenServiceCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Counter { Name = name, Value = _counters.AddOrUpdate(name, by, (_, value) => value + by) });

    public ValueTask<Counter> GetAsync(string name, KrytenServiceCall call, CancellationToken cancellationToken) =>
        _counters.TryGetValue(name, out var value)
            ? ValueTask.FromResult(new Counter { Name = name, Value = value })
            : throw new KrytenServiceException(CounterServiceErrors.UnknownCounter, $"no counter '{name}'", name);
}

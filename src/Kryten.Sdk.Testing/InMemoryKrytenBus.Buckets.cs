using System.Collections.Concurrent;
using Kryten.Sdk.Storage;

namespace Kryten.Sdk.Testing;

public sealed partial class InMemoryKrytenBus : IOwnedBuckets
{
    // A service's own buckets, apart from the simulated bridge's: a service never opens one of those.
    private readonly ConcurrentDictionary<string, MemoryOwnedBucket> _ownedBuckets = new(StringComparer.Ordinal);

    ValueTask<IOwnedBucket> IOwnedBuckets.OpenOwnedAsync(string bucket, KrytenBucketOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Bound as it is when it exists, as on JetStream: the first opener's options hold.
        return new ValueTask<IOwnedBucket>(_ownedBuckets.GetOrAdd(bucket, name => new MemoryOwnedBucket(name, options, TimeProvider.System)));
    }
}

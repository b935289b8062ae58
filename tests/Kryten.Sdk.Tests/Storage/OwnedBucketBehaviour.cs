using System.Text.Json.Serialization;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Storage;

public sealed record Counter(string Name, int Count);

[JsonSerializable(typeof(Counter))]
[JsonSerializable(typeof(string))]
public sealed partial class CounterJson : JsonSerializerContext;

/// <summary>
/// What an owned bucket does, whichever store holds it: each test runs against JetStream KV on a real nats-server
/// (<see cref="NatsOwnedBucketTests"/>) and against the in-memory bus (<see cref="InMemoryOwnedBucketTests"/>), so a
/// service's tests on the bus see what it sees in production.
/// </summary>
public abstract class OwnedBucketBehaviour : IAsyncDisposable
{
    private readonly List<KrytenClient> _clients = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A connected client on the store under test; every client of one test class shares the store.</summary>
    protected abstract Task<KrytenClient> ConnectAsync();

    /// <summary>A bucket no other test uses.</summary>
    protected static string NewBucketName() => $"test_{Guid.NewGuid():N}";

    protected async Task<KrytenClient> ClientAsync()
    {
        var client = await ConnectAsync();
        _clients.Add(client);
        return client;
    }

    protected async Task<KrytenOwnedBucket<Counter>> OpenAsync(string? name = null, KrytenBucketOptions? options = null) =>
        await (await ClientAsync()).OpenBucketAsync(name ?? NewBucketName(), CounterJson.Default.Counter, options, Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_missing_key_is_null_and_a_written_one_comes_back_with_its_revision()
    {
        var bucket = await OpenAsync();
        (await bucket.GetAsync("alice", Ct)).ShouldBeNull();

        var first = await bucket.PutAsync("alice", new Counter("alice", 1), Ct);
        var second = await bucket.PutAsync("alice", new Counter("alice", 2), Ct);

        second.ShouldBeGreaterThan(first);
        (await bucket.GetAsync("alice", Ct)).ShouldBe(new KrytenBucketEntry<Counter>("alice", new Counter("alice", 2), second));
    }

    [Fact]
    public async Task Create_only_refuses_a_key_with_a_value_but_not_a_deleted_or_purged_one()
    {
        var bucket = await OpenAsync();
        await bucket.CreateAsync("alice", new Counter("alice", 1), Ct);

        var conflict = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.CreateAsync("alice", new Counter("alice", 9), Ct));
        conflict.Reason.ShouldBe(KrytenBucketReason.AlreadyExists);
        conflict.Key.ShouldBe("alice");
        conflict.Bucket.ShouldBe(bucket.Name);
        (await bucket.GetAsync("alice", Ct))!.Value.Count.ShouldBe(1);

        await bucket.DeleteAsync("alice", Ct);
        (await bucket.GetAsync("alice", Ct)).ShouldBeNull();
        await bucket.CreateAsync("alice", new Counter("alice", 2), Ct);
        await bucket.PurgeAsync("alice", Ct);
        (await bucket.GetAsync("alice", Ct)).ShouldBeNull();
        await bucket.CreateAsync("alice", new Counter("alice", 3), Ct);
        (await bucket.GetAsync("alice", Ct))!.Value.Count.ShouldBe(3);
    }

    [Fact]
    public async Task An_update_at_a_stale_revision_is_refused_and_changes_nothing()
    {
        var bucket = await OpenAsync();
        var read = await bucket.PutAsync("alice", new Counter("alice", 1), Ct);
        var written = await bucket.UpdateAsync("alice", new Counter("alice", 2), read, Ct);

        var stale = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.UpdateAsync("alice", new Counter("alice", 99), read, Ct));

        stale.Reason.ShouldBe(KrytenBucketReason.WrongRevision);
        stale.Key.ShouldBe("alice");
        (await bucket.GetAsync("alice", Ct)).ShouldBe(new KrytenBucketEntry<Counter>("alice", new Counter("alice", 2), written));
    }

    [Fact]
    public async Task Two_writers_incrementing_with_the_retry_helper_lose_no_update()
    {
        var name = NewBucketName();
        var one = await OpenAsync(name);
        var other = await OpenAsync(name);   // a second instance of the service, on its own connection

        async Task IncrementAsync(KrytenOwnedBucket<Counter> bucket)
        {
            for (var i = 0; i < 200; i++)
            {
                await bucket.UpdateAsync("hits", old => new Counter("hits", (old?.Count ?? 0) + 1), maxAttempts: 50, cancellationToken: Ct);
            }
        }

        await Task.WhenAll(Task.Run(() => IncrementAsync(one), Ct), Task.Run(() => IncrementAsync(other), Ct));

        (await one.GetAsync("hits", Ct))!.Value.Count.ShouldBe(400);
    }

    [Fact]
    public async Task The_retry_helper_gives_up_with_wrong_revision_when_every_attempt_meets_another_write()
    {
        var bucket = await OpenAsync();
        await bucket.PutAsync("hits", new Counter("hits", 0), Ct);
        var attempts = 0;

        var failure = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.UpdateAsync("hits", old =>
        {
            attempts++;
            // Another writer gets in between this read and its write, every time.
            bucket.PutAsync("hits", new Counter("hits", 100 + attempts), Ct).AsTask().GetAwaiter().GetResult();
            return old! with { Count = old.Count + 1 };
        }, maxAttempts: 3, cancellationToken: Ct));

        failure.Reason.ShouldBe(KrytenBucketReason.WrongRevision);
        attempts.ShouldBe(3);
        (await bucket.GetAsync("hits", Ct))!.Value.Count.ShouldBe(103);
    }

    [Fact]
    public async Task Keys_by_prefix_list_only_keys_holding_a_value()
    {
        var bucket = await OpenAsync();
        (await bucket.KeysAsync(cancellationToken: Ct).ToListAsync(Ct)).ShouldBeEmpty();
        foreach (var key in new[] { "user.alice", "user.bob", "user.carol", "userstats", "room.lounge" })
        {
            await bucket.PutAsync(key, new Counter(key, 1), Ct);
        }
        await bucket.DeleteAsync("user.bob", Ct);
        await bucket.PurgeAsync("user.carol", Ct);

        (await bucket.KeysAsync("user.", Ct).ToListAsync(Ct)).ShouldBe(["user.alice"]);
        (await bucket.KeysAsync("user", Ct).ToListAsync(Ct)).ShouldBe(["user.alice", "userstats"], ignoreOrder: true);   // not only whole tokens
        (await bucket.KeysAsync(cancellationToken: Ct).ToListAsync(Ct)).ShouldBe(["user.alice", "userstats", "room.lounge"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_watch_sees_the_current_values_then_puts_deletes_and_purges()
    {
        var bucket = await OpenAsync();
        var before = await bucket.PutAsync("alice", new Counter("alice", 1), Ct);
        await bucket.PutAsync("bob", new Counter("bob", 1), Ct);
        await bucket.DeleteAsync("bob", Ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var watch = bucket.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        async Task<KrytenBucketChange<Counter>> NextAsync()
        {
            (await watch.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBeTrue();
            return watch.Current;
        }

        (await NextAsync()).ShouldBe(new KrytenBucketChange<Counter>("alice", KrytenBucketChangeKind.Put, new Counter("alice", 1), before));
        var bob = await NextAsync();
        (bob.Key, bob.Kind, bob.Value).ShouldBe(("bob", KrytenBucketChangeKind.Delete, null));

        var put = await bucket.PutAsync("carol", new Counter("carol", 7), Ct);
        (await NextAsync()).ShouldBe(new KrytenBucketChange<Counter>("carol", KrytenBucketChangeKind.Put, new Counter("carol", 7), put));
        await bucket.DeleteAsync("alice", Ct);
        (await NextAsync()).Kind.ShouldBe(KrytenBucketChangeKind.Delete);
        await bucket.PurgeAsync("carol", Ct);
        var purged = await NextAsync();
        (purged.Key, purged.Kind).ShouldBe(("carol", KrytenBucketChangeKind.Purge));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_malformed_value_is_a_typed_error_naming_its_key_and_a_watch_goes_on()
    {
        var name = NewBucketName();
        var bucket = await OpenAsync(name);
        // Another program wrote a string where the service keeps counters.
        var intruder = await (await ClientAsync()).OpenBucketAsync(name, CounterJson.Default.String, cancellationToken: Ct);
        var bad = await intruder.PutAsync("alice", "not a counter", Ct);
        var good = await bucket.PutAsync("bob", new Counter("bob", 1), Ct);

        var read = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.GetAsync("alice", Ct));
        read.Reason.ShouldBe(KrytenBucketReason.Malformed);
        read.Key.ShouldBe("alice");
        read.Message.ShouldContain($"{name}/alice");
        var update = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.UpdateAsync("alice", _ => new Counter("alice", 0), cancellationToken: Ct));
        update.Reason.ShouldBe(KrytenBucketReason.Malformed);
        (await intruder.GetAsync("alice", Ct))!.Value.ShouldBe("not a counter");   // not overwritten

        var changes = await bucket.WatchAsync(Ct).Take(2).ToListAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        (changes[0].Key, changes[0].Kind, changes[0].Revision, changes[0].Error!.Reason).ShouldBe(("alice", KrytenBucketChangeKind.Malformed, bad, KrytenBucketReason.Malformed));
        changes[1].ShouldBe(new KrytenBucketChange<Counter>("bob", KrytenBucketChangeKind.Put, new Counter("bob", 1), good));
    }

    [Fact]
    public async Task The_bridge_buckets_are_refused_with_a_typed_error()
    {
        var client = await ClientAsync();
        foreach (var robot in new[] { KrytenBuckets.Playlist("420Grindhouse"), KrytenBuckets.Userlist("x"), KrytenBuckets.Emotes("Lounge-Test"), KrytenBuckets.AdminState("a_b") })
        {
            var refused = await Should.ThrowAsync<KrytenBucketException>(async () => await client.OpenBucketAsync(robot, CounterJson.Default.Counter, cancellationToken: Ct));
            refused.Reason.ShouldBe(KrytenBucketReason.RobotOwned);
            refused.Bucket.ShouldBe(robot);
        }
        // Names that only look alike are a service's to take.
        (await client.OpenBucketAsync("kryten_state", CounterJson.Default.Counter, cancellationToken: Ct)).Name.ShouldBe("kryten_state");
        (await client.OpenBucketAsync("kryten_lounge_stats", CounterJson.Default.Counter, cancellationToken: Ct)).Name.ShouldBe("kryten_lounge_stats");
    }

    [Fact]
    public async Task Bad_names_and_keys_are_argument_errors()
    {
        var client = await ClientAsync();
        await Should.ThrowAsync<ArgumentException>(async () => await client.OpenBucketAsync("my bucket", CounterJson.Default.Counter, cancellationToken: Ct));
        var bucket = await OpenAsync();
        foreach (var key in new[] { "", ".alice", "alice.", "a b", "a*", "a>" })
        {
            await Should.ThrowAsync<ArgumentException>(async () => await bucket.PutAsync(key, new Counter(key, 1), Ct));
        }
    }

    [Fact]
    public async Task Options_out_of_range_are_argument_errors()
    {
        var client = await ClientAsync();
        foreach (var options in new KrytenBucketOptions[]
        {
            new() { History = 0 }, new() { History = 65 }, new() { Replicas = 0 }, new() { Replicas = 6 },
            new() { MaxAge = TimeSpan.Zero }, new() { MaxValueSize = 0 },
        })
        {
            await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await client.OpenBucketAsync(NewBucketName(), CounterJson.Default.Counter, options, Ct));
        }
        (await client.OpenBucketAsync(NewBucketName(), CounterJson.Default.Counter, new KrytenBucketOptions { History = 64 }, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_value_over_the_maximum_size_is_refused_as_too_large()
    {
        var bucket = await OpenAsync(options: new KrytenBucketOptions { MaxValueSize = 64 });
        await bucket.PutAsync("alice", new Counter("alice", 1), Ct);

        var big = await Should.ThrowAsync<KrytenBucketException>(async () => await bucket.PutAsync("bob", new Counter(new string('b', 100), 1), Ct));

        big.Reason.ShouldBe(KrytenBucketReason.TooLarge);
        big.Key.ShouldBe("bob");
        (await bucket.GetAsync("bob", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_existing_bucket_is_bound_as_it_is()
    {
        var name = NewBucketName();
        await OpenAsync(name, new KrytenBucketOptions { MaxValueSize = 64 });
        var again = await OpenAsync(name, new KrytenBucketOptions { MaxValueSize = 4096 });   // e.g. a newer instance

        var big = await Should.ThrowAsync<KrytenBucketException>(async () => await again.PutAsync("bob", new Counter(new string('b', 100), 1), Ct));
        big.Reason.ShouldBe(KrytenBucketReason.TooLarge);
    }

    [Fact]
    public async Task Values_expire_after_the_bucket_max_age()
    {
        var bucket = await OpenAsync(options: new KrytenBucketOptions { MaxAge = TimeSpan.FromSeconds(1) });
        await bucket.PutAsync("alice", new Counter("alice", 1), Ct);
        (await bucket.GetAsync("alice", Ct)).ShouldNotBeNull();

        // The server removes aged values on a timer (about once per max age on nats-server 2.9), so give it a few.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (await bucket.GetAsync("alice", Ct) is not null)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "alice outlived the bucket's max age");
            await Task.Delay(100, Ct);
        }
        (await bucket.KeysAsync(cancellationToken: Ct).ToListAsync(Ct)).ShouldBeEmpty();
        await bucket.CreateAsync("alice", new Counter("alice", 2), Ct);   // expired: nothing left to conflict with
    }
}

/// <summary><see cref="OwnedBucketBehaviour"/> on the in-memory bus.</summary>
public sealed class InMemoryOwnedBucketTests : OwnedBucketBehaviour
{
    private readonly Kryten.Sdk.Testing.InMemoryKrytenBus _bus = new();

    protected override async Task<KrytenClient> ConnectAsync()
    {
        var client = TestClients.Create(TestClients.Options("420Grindhouse"), _bus);
        await client.ConnectAsync(Ct);
        return client;
    }
}

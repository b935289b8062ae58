using System.Text;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class PubSubTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connects_and_reports_server_info_and_state()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        nc.State.ShouldBe(NatsConnectionState.Connected);
        nc.ServerInfo.ShouldNotBeNull();
        nc.ServerInfo!.Headers.ShouldBeTrue();
        nc.ServerInfo.MaxPayload.ShouldBe(1024 * 1024);
        (await nc.PingAsync(Ct)).ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task Publishes_and_receives_with_reply_subject_and_utf8_payload()
    {
        await using var pub = await TestConnections.ConnectAsync(fixture.Server);
        await using var subConn = await TestConnections.ConnectAsync(fixture.Server);
        await using var sub = await subConn.SubscribeAsync("ps.utf8.*", cancellationToken: Ct);
        var text = "héllo wörld ✓";
        await pub.PublishAsync("ps.utf8.a", Encoding.UTF8.GetBytes(text), replyTo: "reply.here", cancellationToken: Ct);
        await pub.PublishAsync("ps.utf8.b", ReadOnlyMemory<byte>.Empty, cancellationToken: Ct);
        using (var m1 = await sub.NextAsync())
        {
            m1.Subject.ShouldBe("ps.utf8.a");
            m1.ReplyTo.ShouldBe("reply.here");
            Encoding.UTF8.GetString(m1.Data.Span).ShouldBe(text);
            m1.Headers.ShouldBeNull();
        }
        using var m2 = await sub.NextAsync();
        m2.Subject.ShouldBe("ps.utf8.b");
        m2.Data.Length.ShouldBe(0);
        pub.Statistics.MsgsOut.ShouldBe(2);
        subConn.Statistics.MsgsIn.ShouldBe(2);
    }

    [Fact]
    public async Task Headers_round_trip_with_repeated_keys_and_preserved_case()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var sub = await nc.SubscribeAsync("ps.hdr", cancellationToken: Ct);
        var headers = new NatsHeaders { { "Tag", "a" }, { "tag", "lower" }, { "Tag", "b" }, { "Trace-Id", "x y z" } };
        await nc.PublishAsync("ps.hdr", "body"u8.ToArray(), headers, cancellationToken: Ct);
        using var msg = await sub.NextAsync();
        msg.Headers.ShouldNotBeNull();
        msg.Headers!.GetValues("Tag").ShouldBe(["a", "b"]);
        msg.Headers.GetValues("tag").ShouldBe(["lower"]);
        msg.Headers["Trace-Id"].ShouldBe("x y z");
        Encoding.UTF8.GetString(msg.Data.Span).ShouldBe("body");
    }

    [Fact]
    public async Task Buffer_writer_publish_writes_payload_and_headers()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var sub = await nc.SubscribeAsync("ps.writer", cancellationToken: Ct);
        await nc.PublishAsync("ps.writer", 42, static (w, n) => System.Buffers.BuffersExtensions.Write(w, Encoding.UTF8.GetBytes($"n={n}")), new NatsHeaders { { "K", "V" } }, cancellationToken: Ct);
        using var msg = await sub.NextAsync();
        Encoding.UTF8.GetString(msg.Data.Span).ShouldBe("n=42");
        msg.Headers!["K"].ShouldBe("V");
    }

    [Fact]
    public async Task Queue_group_delivers_each_message_to_exactly_one_member()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var a = await nc.SubscribeAsync("ps.q", "workers", cancellationToken: Ct);
        await using var b = await nc.SubscribeAsync("ps.q", "workers", cancellationToken: Ct);
        for (var i = 0; i < 100; i++) await nc.PublishAsync("ps.q", BitConverter.GetBytes(i), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        (await TestConnections.EventuallyAsync(() => a.PendingMessages + b.PendingMessages == 100)).ShouldBeTrue();
        var seen = new List<int>();
        foreach (var s in new[] { a, b })
        {
            while (s.Messages.TryRead(out var m))
            {
                using (m) seen.Add(BitConverter.ToInt32(m.Data.Span));
            }
        }
        seen.Order().ShouldBe(Enumerable.Range(0, 100));
    }

    [Fact]
    public async Task Auto_unsubscribe_stops_after_n_messages_and_completes_the_stream()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var sub = await nc.SubscribeAsync("ps.auto", cancellationToken: Ct);
        await sub.UnsubscribeAsync(afterMessages: 3);
        for (var i = 0; i < 10; i++) await nc.PublishAsync("ps.auto", new[] { (byte)i }, cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        var got = new List<byte>();
        await foreach (var m in sub.WithCancellation(Ct))
        {
            using (m) got.Add(m.Data.Span[0]);
        }
        got.ShouldBe(new byte[] { 0, 1, 2 });
    }

    [Fact]
    public async Task Unsubscribe_completes_the_async_enumerable()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var sub = await nc.SubscribeAsync("ps.unsub", cancellationToken: Ct);
        await nc.PublishAsync("ps.unsub", "1"u8.ToArray(), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        (await TestConnections.EventuallyAsync(() => sub.PendingMessages == 1)).ShouldBeTrue();
        await sub.UnsubscribeAsync();
        await nc.PublishAsync("ps.unsub", "2"u8.ToArray(), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        var count = 0;
        await foreach (var m in sub.WithCancellation(Ct))
        {
            m.Dispose();
            count++;
        }
        count.ShouldBe(1);
    }

    [Fact]
    public async Task Echo_false_suppresses_own_messages()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server, o => o with { Echo = false });
        await using var other = await TestConnections.ConnectAsync(fixture.Server);
        await using var sub = await nc.SubscribeAsync("ps.echo", cancellationToken: Ct);
        await nc.PublishAsync("ps.echo", "self"u8.ToArray(), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        await other.PublishAsync("ps.echo", "other"u8.ToArray(), cancellationToken: Ct);
        using var msg = await sub.NextAsync();
        Encoding.UTF8.GetString(msg.Data.Span).ShouldBe("other");
    }

    [Fact]
    public async Task Disposed_message_data_reads_empty_and_double_dispose_is_safe()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var sub = await nc.SubscribeAsync("ps.dispose", cancellationToken: Ct);
        await nc.PublishAsync("ps.dispose", "abc"u8.ToArray(), cancellationToken: Ct);
        var msg = await sub.NextAsync();
        var copy = msg;
        msg.Data.Length.ShouldBe(3);
        msg.Dispose();
        copy.Dispose();
        copy.Data.Length.ShouldBe(0);
    }

    [Fact]
    public async Task Slow_consumer_drops_beyond_pending_limit_and_counts()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var raised = 0;
        nc.SlowConsumerDetected += (_, _) => Interlocked.Increment(ref raised);
        await using var sub = await nc.SubscribeAsync("ps.slow", opts: new NatsSubOpts { PendingMessages = 10 }, cancellationToken: Ct);
        for (var i = 0; i < 50; i++) await nc.PublishAsync("ps.slow", new byte[16], cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        (await TestConnections.EventuallyAsync(() => sub.DroppedMessages == 40)).ShouldBeTrue();
        sub.PendingMessages.ShouldBe(10);
        nc.Statistics.SlowConsumerDrops.ShouldBe(40);
        (await TestConnections.EventuallyAsync(() => Volatile.Read(ref raised) == 1)).ShouldBeTrue();
    }

    [Fact]
    public async Task Slow_consumer_byte_limit_bounds_memory()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var sub = await nc.SubscribeAsync("ps.slowbytes", opts: new NatsSubOpts { PendingBytes = 1000 }, cancellationToken: Ct);
        for (var i = 0; i < 20; i++) await nc.PublishAsync("ps.slowbytes", new byte[100], cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        (await TestConnections.EventuallyAsync(() => sub.DroppedMessages == 10)).ShouldBeTrue();
        sub.PendingMessages.ShouldBe(10);
    }

    [Fact]
    public async Task Steady_state_publish_does_not_allocate()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        const string subject = "ps.alloc";
        var payload = new byte[16];
        var headers = new NatsHeaders { { "K", "V" } };
        for (var i = 0; i < 2000; i++)
        {
            await nc.PublishAsync(subject, payload, cancellationToken: Ct);
            await nc.PublishAsync(subject, payload, headers, cancellationToken: Ct);
        }
        await nc.FlushAsync(Ct);
        var rounds = new List<long>();
        await Task.Run(() =>
        {
            // Early rounds may grow the outbound buffer (pool misses); steady state must allocate nothing.
            for (var round = 0; round < 8; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 10_000; i++)
                {
                    var pending = nc.PublishAsync(subject, payload, cancellationToken: Ct);
                    if (!pending.IsCompletedSuccessfully) pending.AsTask().GetAwaiter().GetResult();
                    pending = nc.PublishAsync(subject, payload, headers, cancellationToken: Ct);
                    if (!pending.IsCompletedSuccessfully) pending.AsTask().GetAwaiter().GetResult();
                    pending = nc.PublishAsync(subject, 7, static (w, n) => w.GetSpan(4)[0] = (byte)n, cancellationToken: Ct);
                    if (!pending.IsCompletedSuccessfully) pending.AsTask().GetAwaiter().GetResult();
                }
                rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }, Ct);
        rounds.Min().ShouldBeLessThan(1024, "a round of 30k publishes should allocate nothing per message: " + string.Join(", ", rounds));
    }

    [Fact]
    public async Task Repeated_subjects_reuse_one_cached_string()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var wildcard = await nc.SubscribeAsync("ps.cache.*", cancellationToken: Ct);
        await using var literal = await nc.SubscribeAsync("ps.cache.lit", cancellationToken: Ct);
        for (var i = 0; i < 2; i++)
        {
            await nc.PublishAsync("ps.cache.a", "x"u8.ToArray(), cancellationToken: Ct);
            await nc.PublishAsync("ps.cache.lit", "y"u8.ToArray(), cancellationToken: Ct);
        }
        var w = new List<NatsMsg>();
        for (var i = 0; i < 4; i++) w.Add(await wildcard.NextAsync());
        using var l1 = await literal.NextAsync();
        using var l2 = await literal.NextAsync();
        var a = w.Where(m => m.Subject == "ps.cache.a").ToList();
        a.Count.ShouldBe(2);
        ReferenceEquals(a[0].Subject, a[1].Subject).ShouldBeTrue();
        ReferenceEquals(l1.Subject, l2.Subject).ShouldBeTrue();
        ReferenceEquals(l1.Subject, literal.Subject).ShouldBeTrue();
        w.ForEach(m => m.Dispose());
    }
}

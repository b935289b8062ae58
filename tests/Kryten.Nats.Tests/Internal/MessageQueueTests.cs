using Kryten.Nats.Internal;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Internal;

public sealed class MessageQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NatsMsg Msg(string subject) => new(subject, ReadOnlyMemory<byte>.Empty);

    [Fact]
    public async Task Waiting_reader_wakes_on_wake_not_on_enqueue_alone_and_reads_in_order()
    {
        var reads = 0;
        var queue = new MessageQueue(_ => reads++);
        var wait = queue.WaitToReadAsync(Ct);
        wait.IsCompleted.ShouldBeFalse();
        queue.Enqueue(Msg("a"));
        queue.Enqueue(Msg("b"));
        queue.Wake();
        (await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct)).ShouldBeTrue();
        queue.TryRead(out var first).ShouldBeTrue();
        queue.TryRead(out var second).ShouldBeTrue();
        (first.Subject, second.Subject).ShouldBe(("a", "b"));
        reads.ShouldBe(2);
        queue.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Completion_ends_the_reader_after_queued_items()
    {
        var queue = new MessageQueue(_ => { });
        queue.Enqueue(Msg("last"));
        queue.Complete();
        (await queue.WaitToReadAsync(Ct)).ShouldBeTrue();
        (await queue.ReadAsync(Ct)).Subject.ShouldBe("last");
        (await queue.WaitToReadAsync(Ct)).ShouldBeFalse();
        await queue.Completion.WaitAsync(TimeSpan.FromSeconds(20), Ct);
    }

    [Fact]
    public async Task Complete_wakes_a_waiting_reader_with_false()
    {
        var queue = new MessageQueue(_ => { });
        var wait = queue.WaitToReadAsync(Ct);
        queue.Complete();
        (await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct)).ShouldBeFalse();
        var items = new List<NatsMsg>();
        await foreach (var m in queue.ReadAllAsync(Ct)) items.Add(m);
        items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelled_wait_throws_and_the_queue_stays_usable()
    {
        var queue = new MessageQueue(_ => { });
        using (var cts = new CancellationTokenSource())
        {
            var wait = queue.WaitToReadAsync(cts.Token);
            await cts.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(async () => await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct));
        }
        using var precancelled = new CancellationTokenSource();
        await precancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(async () => await queue.WaitToReadAsync(precancelled.Token));
        for (var round = 0; round < 100; round++)
        {
            var wait = queue.WaitToReadAsync(Ct);
            queue.Enqueue(Msg("r" + round));
            queue.Wake();
            (await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct)).ShouldBeTrue();
            queue.TryRead(out var m).ShouldBeTrue();
            m.Subject.ShouldBe("r" + round);
        }
    }

    [Fact]
    public async Task Concurrent_producer_and_consumer_lose_nothing()
    {
        const int total = 200_000;
        var queue = new MessageQueue(_ => { });
        var consumer = Task.Run(async () =>
        {
            var n = 0;
            while (n < total && await queue.WaitToReadAsync(Ct))
            {
                while (queue.TryRead(out _)) n++;
            }
            return n;
        }, Ct);
        var msg = Msg("x");
        for (var i = 0; i < total; i++)
        {
            queue.Enqueue(msg);
            if (i % 7 == 0) queue.Wake();
        }
        queue.Wake();
        (await consumer.WaitAsync(TimeSpan.FromSeconds(60), Ct)).ShouldBe(total);
    }
}

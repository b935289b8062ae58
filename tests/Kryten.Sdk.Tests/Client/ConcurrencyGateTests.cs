using Kryten.Sdk.Dispatch;

namespace Kryten.Sdk.Tests.Client;

public sealed class ConcurrencyGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Slots_are_bounded_and_come_back_on_exit()
    {
        var gate = new ConcurrencyGate(2);
        gate.TryEnter().ShouldBeTrue();
        gate.TryEnter().ShouldBeTrue();
        gate.TryEnter().ShouldBeFalse();
        gate.Exit();
        gate.TryEnter().ShouldBeTrue();
        gate.Taken.ShouldBe(2);
    }

    [Fact]
    public async Task A_waiter_is_handed_the_next_freed_slot()
    {
        var gate = new ConcurrencyGate(1);
        gate.TryEnter().ShouldBeTrue();
        var waiting = gate.EnterAsync(Ct);
        waiting.IsCompleted.ShouldBeFalse();
        gate.Exit();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        gate.Taken.ShouldBe(1);
        gate.TryEnter().ShouldBeFalse();
    }

    [Fact]
    public async Task A_cancelled_waiter_does_not_keep_a_slot()
    {
        var gate = new ConcurrencyGate(1);
        gate.TryEnter().ShouldBeTrue();
        using var cts = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cts.Token);
        var next = gate.EnterAsync(Ct);
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        gate.Exit();
        await next.WaitAsync(TimeSpan.FromSeconds(10), Ct);   // skipped the cancelled one
        gate.Exit();
        gate.Taken.ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_enter_and_exit_never_exceed_the_limit()
    {
        var gate = new ConcurrencyGate(3);
        int running = 0, peak = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await gate.EnterAsync(Ct);
                var now = Interlocked.Increment(ref running);
                int seen;
                while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
                if (i % 100 == 0) await Task.Yield();
                Interlocked.Decrement(ref running);
                gate.Exit();
            }
        }, Ct)).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        peak.ShouldBeLessThanOrEqualTo(3);
        gate.Taken.ShouldBe(0);
    }
}

using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

/// <summary>
/// Handlers run inline on the receive loop when they complete synchronously; these pin down that the bound,
/// the timeout and <c>caused_by</c> still hold on that path and when a handler switches to async.
/// </summary>
public sealed class InlineDispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Chat = """{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}""";

    [Fact]
    public async Task A_synchronous_handler_waits_for_a_free_slot_when_async_handlers_hold_them_all()
    {
        var options = TestClients.Options("420Grindhouse");
        options.MaxConcurrentHandlers = 2;
        using var rig = new DispatchRig(options);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var syncCalls = 0;
        rig.Add(
            new RawDelegateEntry(async (_, _, ct) => await release.Task.WaitAsync(ct), "slow", null, null, false),
            new RawDelegateEntry((_, _, _) => { Interlocked.Increment(ref syncCalls); return default; }, "fast", null, null, false));

        await rig.DispatchAsync(Message("slow"));
        await rig.DispatchAsync(Message("slow"));
        var blocked = rig.DispatchAsync(Message("fast"));
        blocked.IsCompleted.ShouldBeFalse();   // both slots are held: the receive loop is back-pressured
        Volatile.Read(ref syncCalls).ShouldBe(0);

        release.SetResult();
        await blocked.AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await rig.WhenIdleAsync();
        Volatile.Read(ref syncCalls).ShouldBe(1);
        rig.Metrics.HandlerErrors.ShouldBe(0);
    }

    [Fact]
    public async Task A_synchronous_handler_that_overruns_the_timeout_is_counted()
    {
        var options = TestClients.Options("420Grindhouse");
        options.HandlerTimeout = TimeSpan.FromMilliseconds(20);
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        client.On<TestChat>((_, _, _) =>
        {
            Thread.Sleep(200);   // blocks without going async, so no timer was armed
            return Task.CompletedTask;
        });
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        client.Health().HandlerTimeouts.ShouldBe(1);
        client.Health().HandlerErrors.ShouldBe(0);
    }

    // Each handler of an event has its own budget, counted from when it starts, not from when the event arrived.
    [Fact]
    public async Task A_quick_handler_after_a_slow_synchronous_one_of_the_same_event_is_not_timed_out()
    {
        var options = TestClients.Options("420Grindhouse");
        options.HandlerTimeout = TimeSpan.FromMilliseconds(1000);
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var quickRan = 0;
        client.On<TestChat>((_, _, _) =>
        {
            Thread.Sleep(600);   // within its own budget, but most of it
            return Task.CompletedTask;
        });
        client.On<TestChat>((_, _, _) =>
        {
            Thread.Sleep(500);   // within its budget, though the two together overrun one
            Interlocked.Increment(ref quickRan);
            return Task.CompletedTask;
        });
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        Volatile.Read(ref quickRan).ShouldBe(1);
        client.Health().HandlerTimeouts.ShouldBe(0);
    }

    [Fact]
    public async Task A_handler_that_goes_async_late_in_its_budget_is_still_cancelled()
    {
        var options = TestClients.Options("420Grindhouse");
        options.HandlerTimeout = TimeSpan.FromMilliseconds(150);
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>(async (_, _, ct) =>
        {
            Thread.Sleep(100);   // most of the budget spent synchronously: the armed timer gets only the rest
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        });
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        client.Health().HandlerTimeouts.ShouldBe(1);
    }

    [Fact]
    public async Task Interleaved_synchronous_and_async_handlers_each_send_with_their_own_event_as_cause()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("420Grindhouse"));
        await using var _ = client;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>(async (m, ctx, ct) =>
        {
            if (m.Msg == "late") await gate.Task.WaitAsync(ct);   // still running while the next events are dispatched
            await ctx.Commands.SendCommandAsync(new KrytenCommand("say", new SayArgs(m.Msg)), ct);
        });
        client.On<TestUserLeave>((_, _, _) => Task.CompletedTask);   // a synchronous handler in between, sending nothing

        var late = await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat.Replace("\"hi\"", "\"late\"", StringComparison.Ordinal));
        await bus.PublishEventAsync("420Grindhouse", "userLeave", """{"name": "bob"}""");
        var now = await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat.Replace("\"hi\"", "\"now\"", StringComparison.Ordinal));
        var first = await bus.WaitForCommandAsync("say");
        gate.SetResult();
        await bus.WaitForCommandAsync("say", 2);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        first.Args.GetProperty("message").GetString().ShouldBe("now");
        first.CausedBy.ShouldBe(now);
        var second = bus.Commands.Single(c => c.Args.GetProperty("message").GetString() == "late");
        second.CausedBy.ShouldBe(late);
        await client.SendCommandAsync(new KrytenCommand("clear", null), Ct);
        bus.Commands[^1].CausedBy.ShouldBeNull();
    }

    private static byte[] Message(string eventName) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"event_name": "{{eventName}}", "payload": {}, "channel": "420Grindhouse", "domain": "cytu.be", "correlation_id": "{{eventName}}-1"}""");
}

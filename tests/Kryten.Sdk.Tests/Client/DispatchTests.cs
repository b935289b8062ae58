using Kryten.Sdk.Events;
using System.Collections.Concurrent;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

public sealed class DispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Chat = """{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}""";

    [Fact]
    public async Task Lambdas_of_every_shape_are_handlers_typed_and_raw_alike()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("Lounge Test"));
        await using var _ = client;
        var seen = new ConcurrentBag<string>();
        client.On<TestChat>(m => { seen.Add("event"); return Task.CompletedTask; });
        client.On<TestChat>(async (m, ctx) => { await Task.Yield(); seen.Add("event, context"); });
        client.On<TestChat>(async (m, ctx, ct) => { await Task.Delay(1, ct); seen.Add("event, context, token"); });
        client.OnRaw(e => { seen.Add("raw"); return Task.CompletedTask; }, eventName: "chatMsg");
        client.OnRaw(async (e, ctx) => { await Task.Yield(); seen.Add("raw, context"); }, eventName: "chatMsg");
        client.OnRaw((e, ctx, ct) => { seen.Add("raw, context, token"); return Task.CompletedTask; }, eventName: "chatMsg");

        await bus.PublishEventAsync("Lounge Test", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        seen.ShouldBe(["event", "event, context", "event, context, token", "raw", "raw, context", "raw, context, token"], ignoreOrder: true);
    }

    [Fact]
    public async Task Typed_lambda_gets_the_record_and_the_envelope_context()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("Lounge Test"));
        await using var _ = client;
        var got = new TaskCompletionSource<(TestChat, EventContext)>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>((m, ctx, ct) => { got.TrySetResult((m, ctx)); return Task.CompletedTask; });

        var id = await bus.PublishEventAsync("Lounge Test", "chatMsg", Chat);

        var (msg, ctx) = await got.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        msg.Username.ShouldBe("alice");
        msg.Time.ShouldBe(1786731943510);
        ctx.EventName.ShouldBe("chatMsg");
        ctx.Channel.ShouldBe("Lounge Test");
        ctx.Domain.ShouldBe("cytu.be");
        ctx.Subject.ShouldBe("kryten.events.cytube.lounge-test.chatmsg");
        ctx.CorrelationId.ShouldBe(id);
        ctx.Commands.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Lounge Test", true)]
    [InlineData("lounge test", true)]
    [InlineData("lounge-test", true)]
    [InlineData("LOUNGE.TEST!", false)]   // dots are removed: "loungetest"
    [InlineData("Lounge", false)]
    public async Task Channel_filter_matches_by_normalized_token(string filter, bool fires)
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("Lounge Test"));
        await using var _ = client;
        var hits = 0;
        client.On<TestChat>((_, _, _) => { Interlocked.Increment(ref hits); return Task.CompletedTask; }, channel: filter);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>((_, _, _) => { all.TrySetResult(); return Task.CompletedTask; });

        await bus.PublishEventAsync("Lounge Test", "chatMsg", Chat);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        hits.ShouldBe(fires ? 1 : 0);
        (KrytenSubjects.Normalize(filter) == "lounge-test").ShouldBe(fires);
    }

    [Fact]
    public async Task Domain_filter_compares_case_insensitively()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var hits = new ConcurrentBag<string>();
        client.On<TestChat>((_, _, _) => { hits.Add("CYTU.BE"); return Task.CompletedTask; }, domain: "CYTU.BE");
        client.On<TestChat>((_, _, _) => { hits.Add("other"); return Task.CompletedTask; }, domain: "other.example");
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        hits.ShouldBe(["CYTU.BE"]);
    }

    [Fact]
    public async Task Raw_handlers_see_every_event_including_unknown_ones()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var seen = new ConcurrentQueue<KrytenRawEvent>();
        client.OnRaw((e, _, _) => { seen.Enqueue(e); return Task.CompletedTask; });
        var onlyUnknown = new ConcurrentQueue<string>();
        client.OnRaw((e, _, _) => { onlyUnknown.Enqueue(e.EventName); return Task.CompletedTask; }, eventName: "brandNewEvent");

        await bus.PublishEventAsync("420Grindhouse", "brandNewEvent", """["a", 1]""");
        await bus.PublishEventAsync("420Grindhouse", "usercount", "12");
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        seen.Select(e => e.EventName).Order().ShouldBe(["brandNewEvent", "usercount"]);
        var unknown = seen.Single(e => e.EventName == "brandNewEvent");
        unknown.PayloadKind.ShouldBe(System.Text.Json.JsonValueKind.Array);
        System.Text.Encoding.UTF8.GetString(unknown.Payload.Span).ShouldBe("""["a", 1]""");
        using var doc = unknown.ParsePayload();
        doc.RootElement[1].GetInt32().ShouldBe(1);
        onlyUnknown.ShouldBe(["brandNewEvent"]);
    }

    [Fact]
    public async Task Handler_sets_are_dispatched_through_their_generated_switch()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var set = new RecordingHandlerSet();
        using var registration = client.AddHandlers(set);
        client.Health().HandlersRegistered.ShouldBe(3);

        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.PublishEventAsync("420Grindhouse", "userLeave", """{"name": "bob"}""");
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        set.Calls.Order().ShouldBe(["0:chatMsg", "1:userLeave", "2:chatMsg", "2:userLeave"]);
        registration.Dispose();
        client.Health().HandlersRegistered.ShouldBe(0);
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        set.Calls.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Disposed_lambda_registrations_stop_receiving()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var hits = 0;
        var registration = client.On<TestChat>((_, _, _) => { Interlocked.Increment(ref hits); return Task.CompletedTask; });
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        registration.Dispose();
        registration.Dispose();
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        hits.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrency_is_bounded_by_MaxConcurrentHandlers()
    {
        var options = TestClients.Options("420Grindhouse");
        options.MaxConcurrentHandlers = 3;
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        int running = 0, peak = 0, done = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>(async (_, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
        });
        for (var i = 0; i < 10; i++) await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        for (var i = 0; i < 500 && Volatile.Read(ref running) < 3; i++) await Task.Delay(10, Ct);
        await Task.Delay(100, Ct);
        Volatile.Read(ref running).ShouldBe(3);
        release.SetResult();
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        done.ShouldBe(10);
        peak.ShouldBe(3);
    }

    [Fact]
    public async Task Ordered_handlers_see_one_channel_in_arrival_order_one_at_a_time()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("a", "b"));
        await using var _ = client;
        var order = new ConcurrentQueue<string>();
        var running = 0;
        var overlapped = false;
        client.On<TestChat>(async (m, ctx, ct) =>
        {
            if (Interlocked.Increment(ref running) > 1 && ctx.Channel == "a") overlapped = true;
            await Task.Delay(Random.Shared.Next(0, 5), ct);
            order.Enqueue(ctx.Channel + m.Msg);
            Interlocked.Decrement(ref running);
        }, channel: "a", ordered: true);
        for (var i = 0; i < 30; i++)
        {
            await bus.PublishEventAsync("a", "chatMsg", Chat.Replace("\"hi\"", $"\"{i}\"", StringComparison.Ordinal));
        }
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        order.ShouldBe(Enumerable.Range(0, 30).Select(i => "a" + i));
        overlapped.ShouldBeFalse();
    }

    [Fact]
    public async Task Handler_exceptions_are_reported_counted_and_do_not_stop_the_client()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var errors = new ConcurrentQueue<KrytenHandlerError>();
        client.OnHandlerError = errors.Enqueue;
        client.On<TestChat>((m, _, _) => throw new InvalidDataException("boom"));
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestUserLeave>((_, _, _) => { second.TrySetResult(); return Task.CompletedTask; });

        var id = await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.PublishEventAsync("420Grindhouse", "userLeave", """{"name": "bob"}""");
        await second.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        var error = errors.ShouldHaveSingleItem();
        error.Exception.ShouldBeOfType<InvalidDataException>().Message.ShouldBe("boom");
        error.EventName.ShouldBe("chatMsg");
        error.CorrelationId.ShouldBe(id);
        error.Channel.ShouldBe("420Grindhouse");
        client.Health().HandlerErrors.ShouldBe(1);
        client.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task A_throwing_error_callback_is_contained()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        client.OnHandlerError = _ => throw new InvalidOperationException("callback");
        client.On<TestChat>((_, _, _) => throw new InvalidDataException("boom"));
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", Chat);
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        client.Health().HandlerErrors.ShouldBe(1);
    }

    [Fact]
    public async Task Handler_timeout_cancels_the_token_and_is_counted()
    {
        var options = TestClients.Options("420Grindhouse");
        options.HandlerTimeout = TimeSpan.FromMilliseconds(100);
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>(async (_, _, ct) =>
        {
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
        client.Health().HandlerErrors.ShouldBe(0);
    }

    [Fact]
    public async Task Event_streams_yield_one_channels_events_and_end_when_disposed()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("a", "b"));
        await using var _ = client;
        var stream = client.Events<TestChat>(channel: "b");
        var reading = Task.Run(async () =>
        {
            var got = new List<string>();
            await foreach (var m in stream.WithCancellation(Ct)) got.Add(m.Msg);
            return got;
        }, Ct);
        await bus.PublishEventAsync("a", "chatMsg", Chat.Replace("\"hi\"", "\"from-a\"", StringComparison.Ordinal));
        for (var i = 0; i < 3; i++) await bus.PublishEventAsync("b", "chatMsg", Chat.Replace("\"hi\"", $"\"b{i}\"", StringComparison.Ordinal));
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        await stream.DisposeAsync();
        (await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(["b0", "b1", "b2"]);
        client.Health().HandlersRegistered.ShouldBe(0);
    }

    [Fact]
    public async Task Health_counts_events_per_channel()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("a", "Lounge Test"));
        await using var _ = client;
        client.OnRaw((_, _, _) => Task.CompletedTask);
        await bus.PublishEventAsync("a", "usercount", "1");
        await bus.PublishEventAsync("Lounge Test", "usercount", "2");
        await bus.PublishEventAsync("Lounge Test", "usercount", "3");
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        var health = client.Health();
        health.State.ShouldBe(KrytenConnectionState.Connected);
        health.EventsReceived.ShouldBe(3);
        health.Channels.Select(c => (c.Channel, c.Subject, c.Subscribed, c.EventsReceived)).ShouldBe([
            ("a", "kryten.events.cytube.a.>", true, 1L),
            ("Lounge Test", "kryten.events.cytube.lounge-test.>", true, 2L)]);
        health.LastEventTime.ShouldNotBeNull();
        health.MeanHandlerLatency.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
        health.P99HandlerLatency.ShouldBeGreaterThanOrEqualTo(health.MeanHandlerLatency);
        health.Uptime.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
        health.Errors.ShouldBe(0);
    }

    [Fact]
    public async Task Legacy_layout_subscribes_with_the_domain()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Subjects.Layout = KrytenSubjectLayout.Legacy;
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        client.Health().Channels.Single().Subject.ShouldBe("cytube.events.cytube.420grindhouse.>");
        var got = new TaskCompletionSource<EventContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<TestChat>((_, ctx, _) => { got.TrySetResult(ctx); return Task.CompletedTask; });
        var envelope = """{"event_name": "chatMsg", "payload": {"username": "a", "msg": "m", "time": 1}, "channel": "420Grindhouse", "domain": "cytu.be"}"""u8.ToArray();
        await bus.InjectAsync("cytube.events.cytube.420grindhouse.chatmsg", envelope);
        (await got.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Subject.ShouldBe("cytube.events.cytube.420grindhouse.chatmsg");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>What the handler generator emits for a partial class, written by hand.</summary>
    private sealed class RecordingHandlerSet : IKrytenHandlerSet
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public IReadOnlyList<KrytenHandlerDescriptor> KrytenHandlers { get; } =
        [
            new(0, "RecordingHandlerSet.OnChat", KrytenEventInfo.Of<TestChat>(), null, null, null, false),
            new(1, "RecordingHandlerSet.OnLeave", KrytenEventInfo.Of<TestUserLeave>(), null, "420grindhouse", "cytu.be", true),
            new(2, "RecordingHandlerSet.OnAny", null, null, null, null, false),
        ];

        public ValueTask InvokeKrytenHandlerAsync(int handlerIndex, object evt, EventContext context, CancellationToken cancellationToken)
        {
            switch (handlerIndex)
            {
                case 0: ((TestChat)evt).Msg.ShouldBe("hi"); break;
                case 1: ((TestUserLeave)evt).Name.ShouldBe("bob"); break;
                case 2: ((KrytenRawEvent)evt).Channel.ShouldBe("420Grindhouse"); break;
            }
            Calls.Enqueue($"{handlerIndex}:{context.EventName}");
            return default;
        }
    }
}

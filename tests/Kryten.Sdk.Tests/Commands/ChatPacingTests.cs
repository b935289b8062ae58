using System.Diagnostics;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Commands;

/// <summary>Chat and PMs: queued per channel, paced like CyTube's antiflood, and accounted for when not sent.</summary>
public sealed class ChatPacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KrytenOptions Paced(int burst, double sustained, params string[] channels)
    {
        var options = TestClients.Options(channels.Length == 0 ? ["420Grindhouse"] : channels);
        options.Chat.Pacing = true;
        options.Chat.Burst = burst;
        options.Chat.Sustained = sustained;
        return options;
    }

    private static KrytenCommand Say(string text, string? channel = null) => new("say", new SayArgs(text), Channel: channel);

    private static List<string> Chat(InMemoryKrytenBus bus) =>
        bus.Commands.Where(c => c.Command is "say" or "pm")
            .Select(c => c.Args.TryGetProperty("message", out var m) ? m.GetString()! : c.Args.GetProperty("msg").GetString()!)
            .ToList();

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }

    [Fact]
    public async Task A_handler_that_says_five_things_returns_at_once_and_they_follow_in_order()
    {
        var options = Paced(burst: 1, sustained: 4);
        options.HandlerTimeout = TimeSpan.FromMilliseconds(500);   // shorter than pacing five messages takes
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        client.On<TestChat>(async (m, ctx, ct) =>
        {
            for (var i = 0; i < 5; i++) await ctx.Commands.SendCommandAsync(new KrytenCommand("say", new SayArgs($"{m.Msg} {i}")), ct);
        });

        await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "alice", "msg": "count", "meta": {}, "time": 1}""");
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        client.Health().HandlerTimeouts.ShouldBe(0);
        Chat(bus).Count.ShouldBeLessThan(5);   // the handler did not wait for the pacing
        await bus.WaitForCommandAsync("say", 5);
        Chat(bus).ShouldBe(["count 0", "count 1", "count 2", "count 3", "count 4"]);
    }

    [Fact]
    public async Task Each_channel_is_paced_on_its_own()
    {
        var (client, bus) = await TestClients.StartAsync(Paced(burst: 1, sustained: 1, "a", "b"));
        await using var _ = client;
        await client.SendCommandAsync(Say("a1", "a"), Ct);
        await client.SendCommandAsync(Say("a2", "a"), Ct);
        await client.SendCommandAsync(Say("b1", "b"), Ct);

        await bus.WaitForCommandAsync("say", 2);
        Chat(bus).ShouldBe(["a1", "b1"], ignoreOrder: true);   // b1 did not wait behind a2's pacing
        await bus.WaitForCommandAsync("say", 3);
        Chat(bus)[^1].ShouldBe("a2");
    }

    [Fact]
    public async Task Pms_share_the_pacing_of_their_channel()
    {
        var (client, bus) = await TestClients.StartAsync(Paced(burst: 1, sustained: 2));
        await using var _ = client;
        await client.SendCommandAsync(Say("hello"), Ct);
        await client.SendCommandAsync(new KrytenCommand("pm", new PmArgs("bob", "psst")), Ct);

        await bus.WaitForCommandAsync("say");
        var watch = Stopwatch.StartNew();
        await bus.WaitForCommandAsync("pm");
        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(300));   // waited for a token (one every 500 ms)
        Chat(bus).ShouldBe(["hello", "psst"]);
    }

    [Fact]
    public async Task The_pieces_of_a_long_message_stay_together()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Chat.MaxLength = 10;
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        await Task.WhenAll(
            client.SendCommandAsync(Say("aaa1 aaa2 aaa3 aaa4 aaa5 aaa6"), Ct).AsTask(),
            client.SendCommandAsync(Say("bbb1 bbb2 bbb3 bbb4 bbb5 bbb6"), Ct).AsTask());

        await bus.WaitForCommandAsync("say", 6);
        string.Join("|", Chat(bus)).ShouldBeOneOf(
            "aaa1 aaa2|aaa3 aaa4|aaa5 aaa6|bbb1 bbb2|bbb3 bbb4|bbb5 bbb6",
            "bbb1 bbb2|bbb3 bbb4|bbb5 bbb6|aaa1 aaa2|aaa3 aaa4|aaa5 aaa6");
    }

    [Fact]
    public async Task Many_messages_keep_their_order()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        for (var i = 0; i < 100; i++) await client.SendCommandAsync(Say("m" + i), Ct);
        await bus.WaitForCommandAsync("say", 100);
        Chat(bus).ShouldBe(Enumerable.Range(0, 100).Select(i => "m" + i));
    }

    [Fact]
    public async Task Waiting_for_the_reply_means_waiting_for_the_message_to_be_sent()
    {
        var (client, bus) = await TestClients.StartAsync(Paced(burst: 1, sustained: 4));
        await using var _ = client;
        bus.AcknowledgeUnscripted = true;
        await client.SendCommandAsync(Say("first"), Ct);
        var ack = await client.SendCommandAndWaitAsync(Say("second"), Kryten.Sdk.Events.KrytenJsonContext.Default.KrytenCommandAck, cancellationToken: Ct);

        ack.Success.ShouldBeTrue();
        Chat(bus).ShouldBe(["first", "second"]);
        bus.Commands[^1].ExpectsReply.ShouldBeTrue();
    }

    [Fact]
    public async Task A_full_queue_makes_sending_wait_for_room()
    {
        var options = Paced(burst: 1, sustained: 0.2);   // one token every 5 s: nothing after the first is sent during the test
        options.Chat.MaxQueued = 1;
        options.DrainTimeout = TimeSpan.FromMilliseconds(100);
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // One is sent, one waits for a token, one is queued: there is no room for a fourth.
        var sends = Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await client.SendCommandAsync(Say("m" + i), patience.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }).ToList();
        var queued = await Task.WhenAll(sends);

        queued.Count(q => q).ShouldBe(3);
        await bus.WaitForCommandAsync("say");
        client.Health().ChatPending.ShouldBe(2);
    }

    [Fact]
    public async Task Chat_left_when_the_drain_timeout_ends_is_logged_counted_and_failed_with_the_real_reason()
    {
        var logs = new CapturingLoggerFactory();
        var options = Paced(burst: 1, sustained: 0.1);
        options.DrainTimeout = TimeSpan.FromMilliseconds(300);
        var bus = new InMemoryKrytenBus { AcknowledgeUnscripted = true };
        var client = new KrytenClient(options, bus, logs);
        await client.ConnectAsync(Ct);
        await client.SendCommandAsync(Say("m0"), Ct);
        await client.SendCommandAsync(Say("m1"), Ct);
        await client.SendCommandAsync(Say("m2"), Ct);
        var waiting = client.SendCommandAndWaitAsync(Say("m3"), Kryten.Sdk.Events.KrytenJsonContext.Default.KrytenCommandAck, cancellationToken: Ct).AsTask();
        await bus.WaitForCommandAsync("say");

        await client.StopAsync(Ct);

        Chat(bus).ShouldBe(["m0"]);
        var e = await Should.ThrowAsync<KrytenConnectionException>(waiting);
        e.Message.ShouldContain("drain timeout");
        e.Message.ShouldNotContain("ConnectAsync");
        client.Health().ChatNotSent.ShouldBe(3);
        client.Health().ChatPending.ShouldBe(0);
        logs.Lines.ShouldContain(l => l.Contains("Stopped with 3 chat message(s) to 420Grindhouse not sent", StringComparison.Ordinal));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Chat_sent_after_stopping_is_refused_as_stopped()
    {
        var (client, _) = await TestClients.StartAsync();
        await client.StopAsync(Ct);
        var e = await Should.ThrowAsync<KrytenConnectionException>(async () => await client.SendCommandAsync(Say("late"), Ct));
        e.Message.ShouldContain("stopp");
        e.Message.ShouldNotContain("ConnectAsync");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_message_that_cannot_be_published_is_logged_and_counted()
    {
        var logs = new CapturingLoggerFactory();
        var options = TestClients.Options("420Grindhouse");
        var bus = new InMemoryKrytenBus();
        await using var client = new KrytenClient(options, bus, logs);
        await client.ConnectAsync(Ct);
        bus.FailPublishes = options.Retry.Attempts + 1;

        var id = await client.SendCommandAsync(Say("lost"), Ct);

        await EventuallyAsync(() => client.Health().ChatNotSent == 1);
        client.Health().CommandsFailed.ShouldBe(1);
        logs.Lines.ShouldContain(l => l.Contains($"Chat message (request {id}) to 420Grindhouse not sent", StringComparison.Ordinal)
            && l.Contains("simulated publish failure", StringComparison.Ordinal));
        await client.SendCommandAsync(Say("next"), Ct);
        await bus.WaitForCommandAsync("say");   // the lane goes on with the next message
    }

    [Fact]
    public void Chat_options_bind_and_validate_like_the_rest()
    {
        var options = KrytenOptionsLoader.FromYaml("""
            nats: { servers: [ "nats://127.0.0.1:4222" ] }
            chat: { maxLength: 500, burst: 2, sustained: 0.5, pacing: false, maxQueued: 10 }
            """);
        options.Chat.MaxLength.ShouldBe(500);
        options.Chat.Burst.ShouldBe(2);
        options.Chat.Sustained.ShouldBe(0.5);
        options.Chat.Pacing.ShouldBeFalse();
        options.Chat.MaxQueued.ShouldBe(10);

        var e = Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("""
            nats: { servers: [ "nats://127.0.0.1:4222" ] }
            chat: { maxLength: 1001, burst: 0, sustained: 0, maxQueued: 0 }
            """));
        e.Problems.ShouldContain(p => p.StartsWith("chat.maxLength:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("chat.burst:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("chat.sustained:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("chat.maxQueued:", StringComparison.Ordinal));
    }
}

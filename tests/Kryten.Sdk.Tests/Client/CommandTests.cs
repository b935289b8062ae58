using System.Diagnostics;
using System.Text.Json;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

// Shares a collection with AllocationTests: the ActivityListener here would make that measurement allocate spans.
[Collection("Diagnostics listeners")]
public sealed class CommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fire_and_forget_returns_the_request_id_and_fills_meta()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var id = await client.SendCommandAsync(new KrytenCommand("clear", null), Ct);
        var sent = bus.Commands.ShouldHaveSingleItem();
        sent.RequestId.ShouldBe(id);
        Guid.TryParse(id, out var parsed).ShouldBeTrue();
        id.ShouldBe(id.ToLowerInvariant());
        sent.Command.ShouldBe("clear");
        sent.Request.GetProperty("service").GetString().ShouldBe("robot");
        sent.Args.EnumerateObject().ShouldBeEmpty();
        sent.Meta.GetProperty("channel").GetString().ShouldBe("420Grindhouse");
        sent.Meta.GetProperty("domain").GetString().ShouldBe("cytu.be");
        sent.Meta.GetProperty("source").GetString().ShouldBe("kryten-sdk-tests");
        sent.Meta.GetProperty("timestamp").GetString()!.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$");
        sent.Json.ShouldContain("\"timestamp\":\"" + sent.Meta.GetProperty("timestamp").GetString() + "\"");   // '+' as the bridge writes it, not \u002B
        sent.Json.ShouldNotContain("\\u002B");
        sent.CausedBy.ShouldBeNull();
        sent.Request.EnumerateObject().Select(p => p.Name).ShouldBe(["command", "service", "args", "meta"]);
        client.Health().CommandsSent.ShouldBe(1);
    }

    [Fact]
    public async Task Top_level_placement_writes_no_args_object()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        await client.SendCommandAsync(new KrytenCommand("state.user", new JsonArgs(JsonDocument.Parse("""{"username": "bob"}""").RootElement), ArgsPlacement: KrytenArgsPlacement.TopLevel), Ct);
        var sent = bus.Commands.ShouldHaveSingleItem();
        sent.Request.GetProperty("username").GetString().ShouldBe("bob");
        sent.Request.TryGetProperty("args", out var args).ShouldBeFalse();
    }

    [Fact]
    public async Task Channel_must_be_given_when_several_are_configured_and_domain_follows_the_channel()
    {
        var options = TestClients.Options("a", "b");
        options.Channels[1].Domain = "other.example";
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var e = await Should.ThrowAsync<KrytenValidationException>(async () => await client.SendCommandAsync(new KrytenCommand("clear", null), Ct));
        e.ParameterName.ShouldBe("channel");
        await client.SendCommandAsync(new KrytenCommand("clear", null, Channel: "B"), Ct);
        bus.Commands.Single().Meta.GetProperty("domain").GetString().ShouldBe("other.example");
        bus.Commands.Single().Meta.GetProperty("channel").GetString().ShouldBe("B");
        var unknown = await Should.ThrowAsync<KrytenValidationException>(async () => await client.SendCommandAsync(new KrytenCommand("clear", null, Channel: "zzz"), Ct));
        unknown.ParameterName.ShouldBe("domain");
        await client.SendCommandAsync(new KrytenCommand("clear", null, Channel: "zzz", Domain: "x.example"), Ct);
        bus.Commands[^1].Meta.GetProperty("domain").GetString().ShouldBe("x.example");
    }

    [Fact]
    public async Task One_command_to_every_configured_channel()
    {
        var options = TestClients.Options("a", "b");
        options.Channels[1].Domain = "other.example";
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var ids = await client.SendToAllChannelsAsync(new KrytenCommand("setMotd", new JsonArgs(JsonDocument.Parse("""{"motd": "hi"}""").RootElement)), Ct);
        ids.Count.ShouldBe(2);
        bus.Commands.Select(c => (c.Meta.GetProperty("channel").GetString(), c.Meta.GetProperty("domain").GetString(), c.RequestId))
            .ShouldBe([("a", "cytu.be", ids[0]), ("b", "other.example", ids[1])]);
    }

    [Fact]
    public async Task Commands_from_a_handler_go_to_the_events_channel_and_carry_its_correlation_id()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("a", "b"));
        await using var _ = client;
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KrytenDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) activities.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        client.On<TestChat>(async (m, ctx, ct) => await ctx.Commands.SendCommandAsync(new KrytenCommand("say", new SayArgs("echo " + m.Msg)), ct));

        var id = await bus.PublishEventAsync("b", "chatMsg", """{"username": "alice", "msg": "hi", "meta": {}, "time": 1}""");
        var say = await bus.WaitForCommandAsync("say");

        say.Args.GetProperty("message").GetString().ShouldBe("echo hi");
        say.Meta.GetProperty("channel").GetString().ShouldBe("b");
        say.CausedBy.ShouldBe(id);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        bool IsCommand(Activity a) => a.OperationName == "kryten.command" && (string?)a.GetTagItem("kryten.caused_by") == id
            && (string?)a.GetTagItem(KrytenDiagnostics.CorrelationIdTag) == say.RequestId;
        for (var i = 0; i < 1000 && !activities.ToArray().Any(IsCommand); i++) await Task.Delay(5, Ct);   // stops just after the publish
        lock (activities)
        {
            var dispatch = activities.Where(a => a.OperationName == "kryten.dispatch" && (string?)a.GetTagItem(KrytenDiagnostics.CorrelationIdTag) == id).ShouldHaveSingleItem();
            var command = activities.Where(IsCommand).ShouldHaveSingleItem();
            command.TraceId.ShouldBe(dispatch.TraceId);   // one trace: event, handler, command
            command.ParentSpanId.ShouldBe(dispatch.SpanId);
        }
        await client.SendCommandAsync(new KrytenCommand("clear", null, Channel: "a"), Ct);
        bus.Commands[^1].CausedBy.ShouldBeNull();
    }

    [Fact]
    public async Task Work_a_handler_leaves_running_still_replies_with_its_event_as_cause()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("a", "b"));
        await using var _ = client;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var detached = new List<Task>();
        client.On<TestChat>((m, ctx, _) =>
        {
            // Returns at once; the reply is sent later, after other events have been dispatched.
            lock (detached) detached.Add(Task.Run(async () =>
            {
                await release.Task;
                await ctx.Commands.SendCommandAsync(new KrytenCommand("say", new SayArgs("later " + m.Msg)));
            }));
            return Task.CompletedTask;
        });

        var first = await bus.PublishEventAsync("b", "chatMsg", """{"username": "alice", "msg": "one", "meta": {}, "time": 1}""");
        var second = await bus.PublishEventAsync("a", "chatMsg", """{"username": "bob", "msg": "two", "meta": {}, "time": 2}""");
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        await bus.WaitForCommandAsync("say", 2);

        var one = bus.Commands.Single(c => c.Args.GetProperty("message").GetString() == "later one");
        one.CausedBy.ShouldBe(first);
        one.Meta.GetProperty("channel").GetString().ShouldBe("b");
        var two = bus.Commands.Single(c => c.Args.GetProperty("message").GetString() == "later two");
        two.CausedBy.ShouldBe(second);
        two.Meta.GetProperty("channel").GetString().ShouldBe("a");
    }

    [Fact]
    public async Task Commands_sent_through_the_client_carry_caused_by_only_when_the_command_says_so()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        client.On<TestChat>(async (m, ctx, ct) =>
        {
            await client.SendCommandAsync(new KrytenCommand("say", new SayArgs("plain " + m.Msg)), ct);
            await client.SendCommandAsync(new KrytenCommand("say", new SayArgs("linked " + m.Msg), CausedBy: ctx.CorrelationId), ct);
            await ctx.Commands.SendCommandAsync(new KrytenCommand("say", new SayArgs("own " + m.Msg), CausedBy: "chosen"), ct);
        });

        var id = await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "alice", "msg": "hi", "meta": {}, "time": 1}""");
        await bus.WaitForCommandAsync("say", 3);

        Kryten.Sdk.Testing.RecordedCommand Said(string text) => bus.Commands.Single(c => c.Args.GetProperty("message").GetString() == text);
        Said("plain hi").CausedBy.ShouldBeNull();
        Said("linked hi").CausedBy.ShouldBe(id);
        Said("own hi").CausedBy.ShouldBe("chosen");
    }

    [Fact]
    public async Task Long_chat_is_split_at_word_boundaries()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Chat.MaxLength = 20;
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var text = "the quick brown fox jumps over the lazy dog and then supercalifragilisticexpialidocious happens";
        var id = await client.SendCommandAsync(new KrytenCommand("say", new SayArgs(text)), Ct);
        await client.ChatSentAsync();
        var pieces = bus.Commands.Select(c => c.Args.GetProperty("message").GetString()!).ToList();
        pieces.ShouldAllBe(p => p.Length <= 20 && p.Length > 0);
        string.Concat(pieces).Replace(" ", "", StringComparison.Ordinal).ShouldBe(text.Replace(" ", "", StringComparison.Ordinal));
        pieces.ShouldContain("supercalifragilistic");   // a word longer than the limit is cut
        pieces[0].ShouldBe("the quick brown fox");
        bus.Commands[0].RequestId.ShouldBe(id);
        bus.Commands.Select(c => c.RequestId).Distinct().Count().ShouldBe(pieces.Count);
    }

    [Fact]
    public async Task Long_pms_keep_their_other_keys_in_every_piece()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Chat.MaxLength = 10;
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        await client.SendCommandAsync(new KrytenCommand("pm", new PmArgs("bob", "one two three four")), Ct);
        await client.ChatSentAsync();
        bus.Commands.Select(c => (c.Args.GetProperty("to").GetString(), c.Args.GetProperty("msg").GetString()))
            .ShouldBe([("bob", "one two"), ("bob", "three four")]);
    }

    [Fact]
    public async Task Chat_is_paced_but_other_commands_are_not_held_up()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Chat.Pacing = true;
        options.Chat.Burst = 1;
        options.Chat.Sustained = 4;   // a token every 250 ms
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await client.SendCommandAsync(new KrytenCommand("say", new SayArgs("m" + i)), Ct);
        await client.SendCommandAsync(new KrytenCommand("clear", null), Ct);
        await bus.WaitForCommandAsync("say", 3);
        var chatDone = watch.Elapsed;

        var order = bus.Commands.Select(c => c.Command == "say" ? c.Args.GetProperty("message").GetString() : c.Command).ToList();
        order.IndexOf("clear").ShouldBeLessThan(order.IndexOf("m2"));   // not queued behind the paced chat
        chatDone.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400));   // two waits for a token
        bus.Commands.Where(c => c.Command == "say").Select(c => c.Args.GetProperty("message").GetString()).ShouldBe(["m0", "m1", "m2"]);
    }

    [Fact]
    public async Task Queued_chat_is_sent_before_stop_completes()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Chat.Pacing = true;
        options.Chat.Burst = 1;
        options.Chat.Sustained = 20;
        var (client, bus) = await TestClients.StartAsync(options);
        for (var i = 0; i < 4; i++) await client.SendCommandAsync(new KrytenCommand("say", new SayArgs("m" + i)), Ct);
        await client.StopAsync(Ct);
        bus.Commands.Count(c => c.Command == "say").ShouldBe(4);
        client.Health().ChatNotSent.ShouldBe(0);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Publish_failures_are_retried_then_raised()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        bus.FailPublishes = 2;
        await client.SendCommandAsync(new KrytenCommand("clear", null), Ct);
        bus.Commands.Count.ShouldBe(1);

        bus.FailPublishes = 3;
        var e = await Should.ThrowAsync<KrytenPublishException>(async () => await client.SendCommandAsync(new KrytenCommand("clear", null), Ct));
        e.Attempts.ShouldBe(3);
        e.Subject.ShouldBe("kryten.robot.command");
        e.InnerException.ShouldBeOfType<IOException>();
        client.Health().CommandsFailed.ShouldBe(1);
        client.Health().CommandsSent.ShouldBe(1);
    }

    [Fact]
    public async Task Acknowledged_commands_map_the_reply_data()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        bus.ScriptReply("addvideo", """{"service": "robot", "command": "addvideo", "success": true, "data": {"success": true, "uid": 17}}""");
        var reply = await client.SendCommandAndWaitAsync(new KrytenCommand("addvideo", new JsonArgs(JsonDocument.Parse("""{"type": "yt", "id": "x"}""").RootElement)), TestJson.Default.AddVideoReply, cancellationToken: Ct);
        reply.ShouldBe(new AddVideoReply(true, 17));
        bus.Commands.Single().ExpectsReply.ShouldBeTrue();
    }

    [Fact]
    public async Task Both_failure_layers_raise_KrytenCommandException()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        bus.ScriptReply("mute", """{"service": "robot", "command": "mute", "success": true, "data": {"success": false, "error": "Failed to mute user"}}""");
        bus.ScriptReply("kick", """{"service": "robot", "success": false, "error": "Missing username"}""");
        bus.ScriptReply("junk", "not json");
        (await Should.ThrowAsync<KrytenCommandException>(async () => await client.SendCommandAndWaitAsync(new KrytenCommand("mute", null), TestJson.Default.JsonElement, cancellationToken: Ct)))
            .BridgeError.ShouldBe("Failed to mute user");
        (await Should.ThrowAsync<KrytenCommandException>(async () => await client.SendCommandAndWaitAsync(new KrytenCommand("kick", null), TestJson.Default.JsonElement, cancellationToken: Ct)))
            .BridgeError.ShouldBe("Missing username");
        (await Should.ThrowAsync<KrytenCommandException>(async () => await client.SendCommandAndWaitAsync(new KrytenCommand("junk", null), TestJson.Default.JsonElement, cancellationToken: Ct)))
            .BridgeError!.ShouldStartWith("unreadable reply");
        client.Health().CommandsFailed.ShouldBe(3);
    }

    [Fact]
    public async Task No_bridge_is_reported_as_no_responders()
    {
        var (client, _) = await TestClients.StartAsync();
        await using var __ = client;
        await Should.ThrowAsync<KrytenNoRespondersException>(async () => await client.SendCommandAndWaitAsync(new KrytenCommand("clear", null), TestJson.Default.JsonElement, cancellationToken: Ct));
    }

    [Fact]
    public async Task Acknowledged_chat_returns_the_last_pieces_reply()
    {
        var options = TestClients.Options("420Grindhouse");
        options.Chat.MaxLength = 5;
        var (client, bus) = await TestClients.StartAsync(options);
        await using var _ = client;
        bus.ScriptReply("say", req => $$$"""{"success": true, "data": {"echo": "{{{req.Args.GetProperty("message").GetString()}}}"}}""");
        var reply = await client.SendCommandAndWaitAsync(new KrytenCommand("say", new SayArgs("aaa bbb ccc")), TestJson.Default.JsonElement, cancellationToken: Ct);
        reply.GetProperty("echo").GetString().ShouldBe("ccc");
        bus.Commands.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Commands_before_connect_fail_with_a_connection_exception()
    {
        var client = TestClients.Create(TestClients.Options("420Grindhouse"), new Kryten.Sdk.Testing.InMemoryKrytenBus());
        await using var _ = client;
        await Should.ThrowAsync<KrytenConnectionException>(async () => await client.SendCommandAsync(new KrytenCommand("clear", null), Ct));
        await Should.ThrowAsync<KrytenConnectionException>(async () => await client.SendCommandAsync(new KrytenCommand("say", new SayArgs("x")), Ct));
    }
}

using System.Text;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.State;

/// <summary>The robot state on the in-memory bus, as a bot's own tests use it: seed the bridge's KV, read it typed.</summary>
public sealed class InMemoryStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChannelUser User(string name, double rank) =>
        new() { Name = name, Rank = rank, Profile = new UserProfile { Image = "", Text = "" }, Meta = new UserMeta { Afk = false, Muted = false } };

    [Fact]
    public async Task A_bot_test_seeds_users_and_ranks_and_a_pm_handler_gets_the_sender_rank()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Bus.BotName = "KrytenBot";
        mock.Client.On<PrivateMessage>(async (pm, ctx, ct) =>
        {
            var sender = await ctx.ChannelState.FindUserAsync(pm.Username, ct);
            var reply = sender is null ? "who are you?" : sender.Rank >= 2 ? "yes, boss" : "no";
            await ctx.Commands.SendPrivateMessageAsync(pm.Username, reply, cancellationToken: ct);
        });

        await mock.Bus.StateOf("test").SetUsersAsync([User("alice", 3), User("bob", 1), User("KrytenBot", 2)]);
        await mock.EmitAsync("pm", """{"username": "alice", "msg": "op me", "meta": {}, "time": 1786731943510, "to": "KrytenBot"}""");
        await mock.EmitAsync("pm", """{"username": "bob", "msg": "op me", "meta": {}, "time": 1786731943511, "to": "KrytenBot"}""");
        await mock.EmitAsync("pm", """{"username": "eve", "msg": "op me", "meta": {}, "time": 1786731943512, "to": "KrytenBot"}""");

        mock.Commands.Select(c => c.Args.GetProperty("message").GetString()).ShouldBe(["yes, boss", "no", "who are you?"]);
        var state = mock.Client.ChannelState("test");
        var until = DateTime.UtcNow.AddSeconds(10);
        while (state.BotName is null && DateTime.UtcNow < until) await Task.Delay(10, Ct);
        state.BotName.ShouldBe("KrytenBot");
        state.Self!.Rank.ShouldBe(2);
    }

    [Fact]
    public async Task State_seeded_before_the_client_connects_is_the_first_load()
    {
        var bus = new InMemoryKrytenBus();
        var seeded = bus.StateOf("420Grindhouse");
        await seeded.SetCssAsync("");
        await seeded.SetMotdAsync("<b>hi</b>");
        await using var client = TestClients.Create(TestClients.Options("420Grindhouse"), bus);
        await client.ConnectAsync(Ct);
        var state = client.ChannelState("420Grindhouse");
        await state.WhenLoadedAsync(Ct);

        state.Snapshot.Css.Value.ShouldBe("");
        state.Snapshot.Motd.Value.ShouldBe("<b>hi</b>");
        state.Snapshot.Js.Reason.ShouldBe(KrytenStateReason.NoKey);
        state.Snapshot.Playlist.Reason.ShouldBe(KrytenStateReason.NoBucket);
        state.Snapshot.Users.Reason.ShouldBe(KrytenStateReason.NoBucket);
    }

    [Fact]
    public async Task Watch_yields_the_present_parts_then_every_change_and_ends_when_the_client_stops()
    {
        var (client, bus) = await TestClients.StartAsync();
        var seeded = bus.StateOf("420Grindhouse");
        await seeded.SetUsersAsync([User("alice", 1)]);
        await seeded.SetCssAsync("a {}");
        var state = client.ChannelState("420Grindhouse");
        await state.WhenLoadedAsync(Ct);
        var raised = new List<KrytenStatePart>();
        state.Changed += (_, change) =>
        {
            lock (raised) raised.Add(change.Part);
        };

        var seen = new List<KrytenStateChange>();
        var watch = Task.Run(async () =>
        {
            await foreach (var change in state.WatchAsync(Ct))
            {
                lock (seen) seen.Add(change);
            }
        }, Ct);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && seen.Count < 2) await Task.Delay(10, Ct);   // the watch has yielded the state as it is
        await seeded.SetUsersAsync([User("alice", 2)]);
        await seeded.RemoveAsync(KrytenStatePart.Css);
        await seeded.SetPlaylistAsync([]);
        await client.DisposeAsync();
        await watch;   // stopping the client ends the sequence

        seen.Select(c => (c.Part, c.Value.Status)).ShouldBe([
            (KrytenStatePart.Users, KrytenStateStatus.Present), (KrytenStatePart.Css, KrytenStateStatus.Present),
            (KrytenStatePart.Users, KrytenStateStatus.Present), (KrytenStatePart.Css, KrytenStateStatus.Absent),
            (KrytenStatePart.Playlist, KrytenStateStatus.Present), (KrytenStatePart.Current, KrytenStateStatus.Absent)]);
        seen[^1].Value.Reason.ShouldBe(KrytenStateReason.NoKey);   // was NoBucket: the playlist bucket exists now
        seen[2].Snapshot.FindUser("ALICE")!.Rank.ShouldBe(2);
        seen[0].Snapshot.FindUser("alice")!.Rank.ShouldBe(1);   // snapshots are immutable
        until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && raised.Count < 4) await Task.Delay(10, Ct);
        lock (raised) raised.ShouldBe([KrytenStatePart.Users, KrytenStatePart.Css, KrytenStatePart.Playlist, KrytenStatePart.Current]);
    }

    [Fact]
    public async Task A_value_that_is_not_what_the_bridge_writes_is_a_malformed_failure_until_a_good_one_comes()
    {
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var users = KrytenBuckets.Userlist("420Grindhouse");
        await bus.PutStateAsync(users, KrytenWire.KvUsersKey, """[{"name": "alice"}]"""u8.ToArray());
        var state = client.ChannelState("420Grindhouse");
        state.Snapshot.Users.Status.ShouldBe(KrytenStateStatus.Failed);
        state.Snapshot.Users.Reason.ShouldBe(KrytenStateReason.Malformed);
        state.Snapshot.Users.Problem!.ShouldContain("kryten_420Grindhouse_userlist key users");
        state.Snapshot.Users.Cause.ShouldBeAssignableTo<System.Text.Json.JsonException>();

        await bus.PutStateAsync(KrytenBuckets.AdminState("420Grindhouse"), KrytenWire.KvMotdKey, [0xC3, 0x28]);   // not UTF-8
        state.Snapshot.Motd.Reason.ShouldBe(KrytenStateReason.Malformed);

        await bus.PutStateAsync(users, KrytenWire.KvUsersKey, Encoding.UTF8.GetBytes("""[{"name": "alice", "rank": 2}]"""));
        state.Snapshot.FindUser("alice")!.Rank.ShouldBe(2);
    }

    [Fact]
    public async Task A_configured_channel_is_found_by_its_subject_token_and_another_channel_starts_on_first_use()
    {
        var (client, bus) = await TestClients.StartAsync(TestClients.Options("Lounge Test", "Q_A"));
        await using var _ = client;
        client.ChannelState("lounge-test").ShouldBeSameAs(client.ChannelState("Lounge Test"));
        client.ChannelState("q_a").Channel.ShouldBe("Q_A");

        var lounge = client.ChannelState("Lounge Test");
        await lounge.WhenLoadedAsync(Ct);
        lounge.Snapshot.Users.Reason.ShouldBe(KrytenStateReason.InvalidChannelName);   // a space cannot be in a bucket name

        await bus.StateOf("Elsewhere").SetJsAsync("x");
        var other = client.ChannelState("Elsewhere");
        await other.WhenLoadedAsync(Ct);
        other.Snapshot.Js.Value.ShouldBe("x");
    }

    [Fact]
    public async Task State_that_is_turned_off_is_an_absent_answer_not_an_empty_one()
    {
        var options = TestClients.Options("420Grindhouse");
        options.State.Enabled = false;
        var (client, _) = await TestClients.StartAsync(options);
        await using var _ = client;
        var off = Should.Throw<KrytenStateException>(() => client.ChannelState("420Grindhouse"));
        off.Reason.ShouldBe(KrytenStateReason.Off);
        off.Message.ShouldContain("state.enabled: false");

        var handmade = new EventContext("pm", "420Grindhouse", "cytu.be", "s", DateTimeOffset.UnixEpoch, Guid.NewGuid().ToString(), new RecordingSender());
        Should.Throw<KrytenStateException>(() => handmade.ChannelState).Reason.ShouldBe(KrytenStateReason.Off);
    }

    [Fact]
    public async Task Waiting_for_a_first_load_that_never_comes_ends_when_the_client_stops()
    {
        var client = TestClients.Create(TestClients.Options("420Grindhouse"), new InMemoryKrytenBus());
        var state = client.ChannelState("420Grindhouse");
        state.IsLoaded.ShouldBeFalse();
        state.Snapshot.Css.Status.ShouldBe(KrytenStateStatus.Loading);
        Should.Throw<KrytenStateException>(() => state.Snapshot.Css.Value).Message.ShouldContain("not loaded yet");
        var waiting = state.WhenLoadedAsync(Ct);
        await client.DisposeAsync();
        (await Should.ThrowAsync<KrytenStateException>(waiting)).Status.ShouldBe(KrytenStateStatus.Loading);
    }

    private sealed class RecordingSender : IKrytenCommandSender
    {
        public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default) => new("id");

        public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TReply> replyType,
            TimeSpan? timeout = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

using System.Diagnostics;
using System.Text;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>
/// The robot state against a real nats-server with JetStream: the test plays the bridge's state manager and writes
/// its exact bytes (Python <c>json.dumps</c> with default separators, raw UTF-8 for the admin state).
/// </summary>
public sealed class RobotStateTests(ITestOutputHelper output)
{
    private const string Channel = "420Grindhouse";

    // kryten_420Grindhouse_playlist / items: a playlist payload as the bridge stores it (non-ASCII escaped by json.dumps).
    private const string Items =
        """[{"media": {"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}}, "uid": 42, "temp": false, "queueby": "alice"}, {"media": {"id": "jNQXAC9IVRw", "title": "Me at the zoo \u00e9", "seconds": 19, "duration": "00:19", "type": "yt", "meta": {"restricted": ["DE"]}}, "uid": 43, "temp": true, "queueby": ""}]""";

    // kryten_420Grindhouse_playlist / current: TV-30 (setCurrent 42, then changeMedia; uid appended last).
    private const string Current =
        """{"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}, "currentTime": 0, "paused": false, "uid": 42}""";

    // kryten_420Grindhouse_userlist / users: CyTube user objects; carol's entry is what the bridge keeps after setUserRank.
    private const string Users =
        """[{"name": "Bob", "rank": 3, "profile": {"image": "x.png", "text": ""}, "meta": {"afk": true, "muted": true}}, {"name": "alice", "rank": 1.5, "profile": {"image": "", "text": "hi"}, "meta": {"afk": false, "muted": false}}, {"name": "KrytenBot", "rank": 2, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}, {"name": "carol", "rank": 2}]""";

    // kryten_420Grindhouse_emotes / list: the emoteList payload verbatim.
    private const string Emotes = """[{"name": ":wave:", "image": "https://example.org/wave.gif", "source": "(^|\\s):wave:(?!\\S)"}]""";

    // kryten_420Grindhouse_state: raw text, not JSON (TV-30's CSS).
    private const string Css = "body { color: #fff; }\n.chat-msg-Alice { color: #112233; }";
    private const string Motd = "<b>Caf\u00e9 \ud83d\ude00</b>";
    private const string Js = "console.log('hi');";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KrytenOptions Options(string url, Action<KrytenStateOptions>? state = null)
    {
        var options = TestClients.Options(Channel);
        options.Nats.Servers = [url];
        options.Nats.ReconnectWait = TimeSpan.FromMilliseconds(100);
        options.State.RetryInterval = TimeSpan.FromMilliseconds(200);
        options.State.ReadTimeout = TimeSpan.FromSeconds(2);
        state?.Invoke(options.State);
        return options;
    }

    private static async Task WriteEverythingAsync(KvBridge bridge)
    {
        await bridge.StartAsync();
        await bridge.PutJsonAsync(KrytenWire.KvEmotesBucketSuffix, KrytenWire.KvEmotesKey, Emotes);
        await bridge.PutJsonAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistItemsKey, Items);
        await bridge.PutJsonAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistCurrentKey, Current);
        await bridge.PutJsonAsync(KrytenWire.KvUserlistBucketSuffix, KrytenWire.KvUsersKey, Users);
        await bridge.PutAsync(KrytenWire.KvStateBucketSuffix, KrytenWire.KvMotdKey, Encoding.UTF8.GetBytes(Motd));
        await bridge.PutAsync(KrytenWire.KvStateBucketSuffix, KrytenWire.KvCssKey, Encoding.UTF8.GetBytes(Css));
        await bridge.PutAsync(KrytenWire.KvStateBucketSuffix, KrytenWire.KvJsKey, Encoding.UTF8.GetBytes(Js));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("timed out waiting until " + what);
            await Task.Delay(10, Ct);
        }
    }

    [Fact]
    public async Task Every_bucket_and_key_the_bridge_writes_is_read_typed()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = await KvBridge.ConnectAsync(server.Url, Channel);
        await WriteEverythingAsync(bridge);

        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);
        var now = state.Snapshot;
        client.Health().RobotState.ShouldBe(new KrytenRobotStateHealth(Channels: 1, ChannelsLoaded: 1, PartsFailed: 0, JetStreamAvailable: true));

        var items = now.Playlist.Value;
        items.Count.ShouldBe(2);
        items[0].Uid.ShouldBe(42);
        items[0].Media.Title.ShouldBe("Rick Astley - Never Gonna Give You Up");
        items[0].QueueBy.ShouldBe("alice");
        items[0].Temp.ShouldBeFalse();
        items[1].Media.Title.ShouldBe("Me at the zoo é");
        items[1].Media.Meta.Restricted.ShouldBe(["DE"]);
        items[1].Temp.ShouldBeTrue();

        var current = now.Current.Value;
        current.Uid.ShouldBe(42);
        current.Id.ShouldBe("dQw4w9WgXcQ");
        current.Paused.ShouldBeFalse();

        var users = now.Users.Value;
        users.Select(u => u.Name).ShouldBe(["Bob", "alice", "KrytenBot", "carol"]);
        now.FindUser("bob")!.Rank.ShouldBe(3);
        now.FindUser("Bob")!.Afk.ShouldBe(true);
        now.FindUser("Bob")!.Muted.ShouldBe(true);
        now.FindUser("Bob")!.ProfileImage.ShouldBe("x.png");
        now.FindUser("alice")!.Rank.ShouldBe(1.5);
        now.FindUser("carol")!.Rank.ShouldBe(2);
        now.FindUser("carol")!.Profile.ShouldBeNull();   // the bridge's setUserRank entry: name and rank only
        now.FindUser("nobody").ShouldBeNull();

        now.Emotes.Value.Single().Source.ShouldBe(@"(^|\s):wave:(?!\S)");
        now.Motd.Value.ShouldBe("<b>Café 😀</b>");
        now.Css.Value.ShouldBe(Css);
        now.Js.Value.ShouldBe(Js);
        Enum.GetValues<KrytenStatePart>().ShouldAllBe(p => now[p].Status == KrytenStateStatus.Present);
    }

    [Fact]
    public async Task Empty_css_is_present_and_empty_while_a_missing_key_and_a_missing_bucket_are_absent()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = await KvBridge.ConnectAsync(server.Url, Channel);
        await bridge.PutAsync(KrytenWire.KvStateBucketSuffix, KrytenWire.KvCssKey, []);   // b"": a channel without CSS
        await bridge.PutAsync(KrytenWire.KvStateBucketSuffix, KrytenWire.KvMotdKey, Encoding.UTF8.GetBytes(Motd));
        await bridge.PutJsonAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistItemsKey, "[]");

        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);
        var now = state.Snapshot;

        now.Css.Status.ShouldBe(KrytenStateStatus.Present);
        now.Css.Value.ShouldBe("");
        now.Playlist.Value.ShouldBeEmpty();

        now.Js.Status.ShouldBe(KrytenStateStatus.Absent);
        now.Js.Reason.ShouldBe(KrytenStateReason.NoKey);
        now.Js.TryGetValue(out _).ShouldBeFalse();
        var js = Should.Throw<KrytenStateException>(() => now.Js.Value);
        js.Status.ShouldBe(KrytenStateStatus.Absent);
        js.Part.ShouldBe(KrytenStatePart.Js);
        js.Message.ShouldContain("kryten_420Grindhouse_state has no key js");
        now.Current.Reason.ShouldBe(KrytenStateReason.NoKey);

        now.Emotes.Status.ShouldBe(KrytenStateStatus.Absent);
        now.Emotes.Reason.ShouldBe(KrytenStateReason.NoBucket);
        now.Users.Reason.ShouldBe(KrytenStateReason.NoBucket);
        Should.Throw<KrytenStateException>(() => now.FindUser("alice")).Reason.ShouldBe(KrytenStateReason.NoBucket);
    }

    [Fact]
    public async Task The_client_never_creates_a_bucket_the_bridge_owns()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using (var client = new KrytenClient(Options(server.Url)))
        {
            await client.ConnectAsync(Ct);
            await client.ChannelState(Channel).WhenLoadedAsync(Ct);
            client.ChannelState(Channel).Snapshot.Users.Reason.ShouldBe(KrytenStateReason.NoBucket);
        }

        await using var nats = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        var streams = new List<string>();
        await foreach (var name in new NATS.Client.JetStream.NatsJSContext(nats).ListStreamNamesAsync(cancellationToken: Ct)) streams.Add(name);
        streams.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_JetStream_timeout_is_a_typed_failure_and_the_rest_of_the_client_keeps_working()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        // A JetStream API that never answers: every request the state makes times out.
        await using var silent = await nats.SubscribeCoreAsync<byte[]>("$JS.API.>", cancellationToken: Ct);
        await nats.PingAsync(Ct);

        await using var client = new KrytenClient(Options(server.Url, s => s.ReadTimeout = TimeSpan.FromMilliseconds(300)));
        var chats = new List<string>();
        client.On<ChatMessage>((m, _, _) =>
        {
            lock (chats) chats.Add(m.Msg);
            return Task.CompletedTask;
        });
        await client.ConnectAsync(Ct);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);

        var css = state.Snapshot.Css;
        css.Status.ShouldBe(KrytenStateStatus.Failed);
        css.Reason.ShouldBe(KrytenStateReason.TimedOut);
        css.Problem!.ShouldContain("did not answer within 0.3 s");
        var thrown = Should.Throw<KrytenStateException>(() => css.Value);
        thrown.Status.ShouldBe(KrytenStateStatus.Failed);
        thrown.Reason.ShouldBe(KrytenStateReason.TimedOut);
        state.Snapshot.Users.Reason.ShouldBe(KrytenStateReason.TimedOut);

        await nats.PublishAsync("kryten.events.cytube.420grindhouse.chatmsg",
            """{"event_name": "chatMsg", "payload": {"username": "alice", "msg": "still here", "meta": {}, "time": 1786731943510}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": "3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13"}"""u8.ToArray(),
            cancellationToken: Ct);
        await WaitUntilAsync(() => { lock (chats) return chats.Count == 1; }, "the chat event was handled");
        client.State.ShouldBe(KrytenConnectionState.Connected);
    }

    [Fact]
    public async Task Without_JetStream_the_client_says_so_once_and_the_state_reads_as_failed()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        var logs = new CapturingLoggerFactory();
        var options = Options(server.Url);
        options.Channels.Add(new KrytenChannelOptions { Domain = "cytu.be", Channel = "OtherChannel" });
        await using var client = new KrytenClient(options, logs);
        await client.ConnectAsync(Ct);
        await client.ChannelState(Channel).WhenLoadedAsync(Ct);
        await client.ChannelState("OtherChannel").WhenLoadedAsync(Ct);
        await Task.Delay(600, Ct);   // several retries of 8 buckets

        client.ChannelState(Channel).Snapshot.Playlist.Reason.ShouldBe(KrytenStateReason.JetStreamUnavailable);
        client.ChannelState("OtherChannel").Snapshot.Motd.Status.ShouldBe(KrytenStateStatus.Failed);
        logs.Entries.Count(e => e.EventId.Id == 80).ShouldBe(1);
        logs.Entries.Where(e => e.Category.StartsWith("Kryten", StringComparison.Ordinal) && e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
            .ShouldHaveSingleItem().Message.ShouldContain("no JetStream");
        client.IsConnected.ShouldBeTrue();
        client.Health().RobotState.ShouldBe(new KrytenRobotStateHealth(Channels: 2, ChannelsLoaded: 2, PartsFailed: 14, JetStreamAvailable: false));
    }

    [Fact]
    public async Task Updates_arrive_through_the_watch_in_the_order_the_bridge_wrote_them()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = await KvBridge.ConnectAsync(server.Url, Channel);
        await WriteEverythingAsync(bridge);
        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);

        var seen = new List<KrytenStateChange>();
        var raised = new List<KrytenStatePart>();
        state.Changed += (_, change) =>
        {
            lock (raised) raised.Add(change.Part);
        };
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watch = Task.Run(async () =>
        {
            await foreach (var change in state.WatchAsync(watching.Token))
            {
                lock (seen) seen.Add(change);
            }
        }, Ct);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 7; }, "the current state was yielded first");

        for (var rank = 1; rank <= 20; rank++)
        {
            await bridge.PutJsonAsync(KrytenWire.KvUserlistBucketSuffix, KrytenWire.KvUsersKey, $$$"""[{"name": "alice", "rank": {{{rank}}}, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}]""");
            if (rank == 10) await bridge.DeleteAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistCurrentKey);
        }
        await bridge.PutJsonAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistCurrentKey, Current);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 7 + 22; }, "every write was seen");
        await watching.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(watch);   // cancelling ends the sequence the .NET way

        seen.Take(7).Select(c => c.Part).ShouldBe(Enum.GetValues<KrytenStatePart>());
        var updates = seen.Skip(7).ToList();
        updates.Where(c => c.Part == KrytenStatePart.Users).Select(c => c.Snapshot.Users.Value.Single().Rank).ShouldBe(Enumerable.Range(1, 20).Select(r => (double)r));
        updates.Select(c => c.Part).ToList().IndexOf(KrytenStatePart.Current).ShouldBe(10);   // the delete, after the 10th users write
        updates[10].Value.Status.ShouldBe(KrytenStateStatus.Absent);
        updates[^1].Value.Status.ShouldBe(KrytenStateStatus.Present);
        state.Snapshot.FindUser("alice")!.Rank.ShouldBe(20);
        await WaitUntilAsync(() => { lock (raised) return raised.Count == 22; }, "Changed was raised for every write");
        lock (raised) raised.ShouldBe(updates.Select(c => c.Part));
    }

    [Fact]
    public async Task A_bridge_that_starts_after_the_bot_is_picked_up_when_its_buckets_appear()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        // A long retry interval: the buckets must be noticed from JetStream's announcement, not by polling.
        await using var client = new KrytenClient(Options(server.Url, s => s.RetryInterval = TimeSpan.FromSeconds(60)));
        await client.ConnectAsync(Ct);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);
        state.Snapshot.Playlist.Reason.ShouldBe(KrytenStateReason.NoBucket);
        await Task.Delay(300, Ct);   // the followers are waiting for the buckets now

        await using var bridge = await KvBridge.ConnectAsync(server.Url, Channel);
        var started = Stopwatch.StartNew();
        await WriteEverythingAsync(bridge);
        await WaitUntilAsync(() => Enum.GetValues<KrytenStatePart>().All(p => state.Snapshot[p].IsPresent), "every part arrived", seconds: 20);
        output.WriteLine($"state complete {started.ElapsedMilliseconds} ms after the bridge started writing");
        state.Snapshot.FindUser("Bob")!.Rank.ShouldBe(3);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_state_follows_new_writes_after_the_nats_server_and_the_bridge_restart()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using (var bridge = await KvBridge.ConnectAsync(server.Url, Channel)) await WriteEverythingAsync(bridge);
        await using var client = new KrytenClient(Options(server.Url));
        await client.ConnectAsync(Ct);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);

        await server.StopAsync();
        await server.RestartAsync(Ct);
        await WaitUntilAsync(() => client.IsConnected, "the client reconnected");
        state.Snapshot.Playlist.Value.Count.ShouldBe(2);   // what the bridge last wrote is kept across the outage

        await using var restarted = await KvBridge.ConnectAsync(server.Url, Channel);
        await restarted.StartAsync();   // binds the buckets that survived, as the bridge does
        await restarted.PutJsonAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistItemsKey, "[]");
        await WaitUntilAsync(() => state.Snapshot.Playlist.TryGetValue(out var items) && items.Count == 0, "the new playlist arrived", seconds: 20);
    }

    [Fact]
    public async Task The_sender_of_a_pm_or_chat_message_has_a_rank_and_the_bot_knows_its_own_identity()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = await KvBridge.ConnectAsync(server.Url, Channel);
        await WriteEverythingAsync(bridge);
        // The bridge's user-level endpoint (wire-contract §4.5), raw domain and channel in the subject.
        await using var userLevel = await bridge.Connection.SubscribeCoreAsync<byte[]>("kryten.user_level.cytu.be.420Grindhouse", cancellationToken: Ct);
        var answering = Task.Run(async () =>
        {
            await foreach (var request in userLevel.Msgs.ReadAllAsync(Ct))
                await request.ReplyAsync("""{"success": true, "rank": 1, "username": "KrytenBot"}"""u8.ToArray(), cancellationToken: Ct);
        }, Ct);
        await bridge.Connection.PingAsync(Ct);

        await using var client = new KrytenClient(Options(server.Url));
        var ranks = new List<(string Event, string Name, double? Rank)>();
        client.On<PrivateMessage>(async (pm, ctx, ct) =>
        {
            var sender = await ctx.ChannelState.FindUserAsync(pm.Username, ct);
            lock (ranks) ranks.Add(("pm", pm.Username, sender?.Rank));
        });
        client.On<ChatMessage>(async (msg, ctx, ct) =>
        {
            var sender = await ctx.ChannelState.FindUserAsync(msg.Username, ct);
            lock (ranks) ranks.Add(("chat", msg.Username, sender?.Rank));
        });
        await client.ConnectAsync(Ct);
        await client.ChannelState(Channel).WhenLoadedAsync(Ct);   // JetStream has answered: the server has the client's subscription too

        // pm events carry no rank: it comes from the live user list.
        await bridge.Connection.PublishAsync("kryten.events.cytube.420grindhouse.pm",
            """{"event_name": "pm", "payload": {"username": "Bob", "msg": "op me", "meta": {}, "time": 1786731943510, "to": "KrytenBot"}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": "3f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13"}"""u8.ToArray(), cancellationToken: Ct);
        await bridge.Connection.PublishAsync("kryten.events.cytube.420grindhouse.chatmsg",
            """{"event_name": "chatMsg", "payload": {"username": "stranger", "msg": "hi", "meta": {}, "time": 1786731943511}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.611286+00:00", "correlation_id": "4f2b8c1e-9a4d-4e6b-8f1a-2c5d7e9b0a13"}"""u8.ToArray(), cancellationToken: Ct);
        await WaitUntilAsync(() => { lock (ranks) return ranks.Count == 2; }, "both handlers ran");
        ranks.ShouldContain(("pm", "Bob", 3.0));
        ranks.ShouldContain(("chat", "stranger", null));   // in the user list is not: no rank, not a made-up one

        var state = client.ChannelState(Channel);
        await WaitUntilAsync(() => state.BotName is not null, "the bridge named its CyTube user");
        state.BotName.ShouldBe("KrytenBot");
        state.Self!.Rank.ShouldBe(2);   // the user list's rank, not the user-level reply's 1
    }

    [Fact]
    public async Task First_load_of_a_1000_item_playlist_and_500_users_is_measured()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = await KvBridge.ConnectAsync(server.Url, Channel);
        await WriteEverythingAsync(bridge);
        var items = string.Join(", ", Enumerable.Range(1, 1000).Select(i =>
            $$$"""{"media": {"id": "video{{{i:D5}}}abcd", "title": "Some video title number {{{i}}} with a few more words", "seconds": {{{100 + i}}}, "duration": "0{{{i % 10}}}:{{{i % 60:D2}}}", "type": "yt", "meta": {}}, "uid": {{{i}}}, "temp": {{{(i % 3 == 0 ? "true" : "false")}}}, "queueby": "user{{{i % 50}}}"}"""));
        var users = string.Join(", ", Enumerable.Range(1, 500).Select(i =>
            $$$"""{"name": "user{{{i}}}", "rank": {{{i % 4}}}, "profile": {"image": "https://example.org/avatars/{{{i}}}.png", "text": "about user {{{i}}}"}, "meta": {"afk": {{{(i % 7 == 0 ? "true" : "false")}}}, "muted": false}}"""));
        await bridge.PutJsonAsync(KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvPlaylistItemsKey, $"[{items}]");
        await bridge.PutJsonAsync(KrytenWire.KvUserlistBucketSuffix, KrytenWire.KvUsersKey, $"[{users}]");

        var runs = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            await using var client = new KrytenClient(Options(server.Url));
            var watch = Stopwatch.StartNew();
            await client.ConnectAsync(Ct);
            var state = client.ChannelState(Channel);
            await state.WhenLoadedAsync(Ct);
            runs.Add(watch.Elapsed.TotalMilliseconds);
            state.Snapshot.Playlist.Value.Count.ShouldBe(1000);
            state.Snapshot.Users.Value.Count.ShouldBe(500);
            state.Snapshot.FindUser("user499")!.Rank.ShouldBe(3);
        }
        output.WriteLine($"first load (connect to every part loaded) of 1000 playlist items ({items.Length / 1024} KiB) and 500 users ({users.Length / 1024} KiB): " +
            $"{string.Join(", ", runs.Select(r => $"{r:0} ms"))} (first run includes JIT)");
    }
}

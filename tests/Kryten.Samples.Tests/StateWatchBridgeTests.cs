using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Samples.StateWatch;
using Kryten.Sdk;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// StateWatch's client against the bridge simulator, which writes the KV buckets as the bridge's state manager does:
/// a bot that starts before the bridge sees the state appear, and keeps it when the bridge restarts.
/// </summary>
public sealed class StateWatchBridgeTests : BridgeSimulatorHarness
{
    private const string Channel = "420Grindhouse";

    [Fact]
    public async Task The_state_appears_when_the_bridge_starts_after_the_bot_and_survives_a_bridge_restart()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync(
        [
            """{"after_ms": 0, "event": "emoteList", "payload": [{"name": ":wave:", "image": "https://example.org/wave.gif", "source": "(^|\\s):wave:(?!\\S)"}]}""",
            """{"after_ms": 0, "event": "playlist", "payload": [{"media": {"id": "dQw4w9WgXcQ", "title": "Rick", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}]}""",
            """{"after_ms": 0, "event": "setCurrent", "payload": 17}""",
            """{"after_ms": 0, "event": "changeMedia", "payload": {"id": "dQw4w9WgXcQ", "title": "Rick", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}, "currentTime": -3, "paused": true}}""",
            """{"after_ms": 0, "event": "userlist", "payload": [{"name": "alice", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}, {"name": "KrytenBot", "rank": 2, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}]}""",
            """{"after_ms": 0, "event": "setUserRank", "payload": {"name": "alice", "rank": 3}}""",
            """{"after_ms": 0, "event": "setMotd", "payload": "<b>welcome</b>"}""",
            """{"after_ms": 0, "event": "channelCSSJS", "payload": {"css": "", "cssHash": "", "js": "console.log(1)", "jsHash": ""}}""",
        ], cancellation);

        var options = new KrytenOptions
        {
            Nats = { Servers = [Server.Url] },
            Channels = [new KrytenChannelOptions { Channel = Channel, Domain = "cytu.be" }],
            State = { RetryInterval = TimeSpan.FromSeconds(60) },   // a bucket that appears must be noticed without polling
        };
        await using var client = new KrytenClient(options);
        await client.ConnectAsync(cancellation);
        var state = client.ChannelState(Channel);
        await state.WhenLoadedAsync(cancellation);
        state.Snapshot.Users.Reason.ShouldBe(KrytenStateReason.NoBucket);

        using var output = new MemoryStream();
        var lines = new StateLineWriter(output);   // read once the watch has ended
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watch = StateLineWriter.WatchAsync(state, lines, TextWriter.Null, watching.Token);

        await using (var bridge = StartBridge(Channel, cancellation))
        {
            await WaitUntilAsync(() => state.Snapshot.Js.IsPresent && state.Snapshot.Current.IsPresent && state.Snapshot.Users.IsPresent
                && state.Snapshot.FindUser("alice")!.Rank == 3, "the bridge's state arrived", cancellation);
            var now = state.Snapshot;
            now.Playlist.Value.Single().Uid.ShouldBe(17);
            now.Current.Value.Uid.ShouldBe(17);   // the bridge adds setCurrent's uid to the changeMedia it stores
            now.FindUser("alice")!.Profile.ShouldBeNull();   // its setUserRank keeps only name and rank
            now.FindUser("KrytenBot")!.Rank.ShouldBe(2);
            now.Emotes.Value.Single().Name.ShouldBe(":wave:");
            now.Motd.Value.ShouldBe("<b>welcome</b>");
            now.Css.Value.ShouldBe("");
            now.Js.Value.ShouldBe("console.log(1)");

            await bridge.RestartAsync();   // binds the buckets its last run left and writes the same state again
            await Task.Delay(500, cancellation);
            state.Snapshot.FindUser("alice")!.Rank.ShouldBe(3);
            state.Snapshot.Playlist.Value.Single().Uid.ShouldBe(17);
        }

        await watching.CancelAsync();
        await watch;
        var parts = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("part").GetString()).ToList();
        parts.ShouldContain("playlist");
        parts.ShouldContain("current");
        parts.ShouldContain("users");
        parts.ShouldContain("css");
        parts.ShouldNotContain(p => p == null);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("timed out waiting until " + what);
            await Task.Delay(20, cancellationToken);
        }
    }
}

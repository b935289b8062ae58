using System.Text.Json;
using System.Threading.Channels;
using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Samples.EchoBot;
using Kryten.Samples.SeenService;
using Kryten.Sdk;
using NATS.Client.Core;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// EchoBot's handlers in a real KrytenClient, the bridge simulator replaying a session, and a real nats-server in
/// between: what the bot says comes back as the bridge's chatMsg echo, exactly as on a live channel.
/// </summary>
public sealed class EchoBotIntegrationTests : BridgeSimulatorHarness
{
    private const string Channel = "Lounge Test";
    [Fact]
    public async Task Bot_answers_ping_greets_and_reports_queue_results_from_the_bridge()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync(
        [
            """{"after_ms": 0, "event": "playlist", "payload": [{"media": {"id": "dQw4w9WgXcQ", "title": "Rick", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}]}""",
            """{"after_ms": 0, "event": "addUser", "payload": {"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}}""",
            """{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "!ping", "meta": {}, "time": 1786731950510}}""",
            """{"after_ms": 0, "event": "chatMsg", "payload": {"username": "carol", "msg": "!queue <a href=\"https://youtu.be/dQw4w9WgXcQ\" target=\"_blank\" rel=\"noopener noreferrer\">https://youtu.be/dQw4w9WgXcQ</a>", "meta": {}, "time": 1786731951510}}""",
            """{"after_ms": 0, "event": "chatMsg", "payload": {"username": "bob", "msg": "!queue https://vimeo.com/76979871", "meta": {}, "time": 1786731952510}}""",
            """{"after_ms": 0, "event": "chatMsg", "payload": {"username": "zoe", "msg": "!queue not a link", "meta": {}, "time": 1786731953510}}""",
        ], cancellation);

        await using var watcher = await ConnectPeerAsync();
        await using var echoes = await SubscribeAsync(watcher, $"{KrytenWire.EventSubjectPrefix}.lounge-test.chatmsg", cancellation);

        var options = new KrytenOptions
        {
            Nats = { Servers = [Server.Url] },
            Channels = [new KrytenChannelOptions { Channel = Channel, Domain = "cytu.be" }],
            Chat = { Pacing = false },
        };
        await using var client = new KrytenClient(options);
        using var handlers = client.AddHandlers(new EchoHandlers(TextWriter.Null, new EchoBot.SeenClient(client), TimeProvider.System));
        await client.ConnectAsync(cancellation);

        List<string> said;
        await using (StartBridge(Channel, cancellation))
        {
            said = await BotMessagesAsync(echoes, count: 5, TimeSpan.FromSeconds(30));
        }

        said.ShouldContain("pong");
        said.ShouldContain("Welcome to Lounge Test, bob!");
        said.ShouldContain("carol: CyTube refused yt:dQw4w9WgXcQ: This item is already on the playlist");
        said.ShouldContain("bob: queued vi:76979871 as #18.");
        said.ShouldContain("zoe: I can't queue that link.");
    }

    [Fact]
    public async Task Bot_answers_seen_from_the_seen_service_with_what_the_user_said()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // The !seen comes half a second later, so that SeenService has recorded alice's line when EchoBot asks.
        await WriteSessionAsync(
        [
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "brb, tea", "meta": {}, "time": {{{now}}}}}""",
            $$$"""{"after_ms": 500, "event": "chatMsg", "payload": {"username": "bob", "msg": "!seen ALICE", "meta": {}, "time": {{{now + 500}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "bob", "msg": "!seen carol", "meta": {}, "time": {{{now + 500}}}}}""",
        ], cancellation);

        await using var watcher = await ConnectPeerAsync();
        await using var echoes = await SubscribeAsync(watcher, $"{KrytenWire.EventSubjectPrefix}.lounge-test.chatmsg", cancellation);

        var options = new KrytenOptions
        {
            Nats = { Servers = [Server.Url] },
            Channels = [new KrytenChannelOptions { Channel = Channel, Domain = "cytu.be" }],
            Chat = { Pacing = false },
        };
        await using var seenClient = new KrytenClient(options);
        await seenClient.ConnectAsync(cancellation);
        var bucket = await seenClient.OpenBucketAsync(SeenLog.BucketName, SeenService.KrytenJsonContext.Default.SeenRecord, cancellationToken: cancellation);
        var seen = new SeenLog(bucket, TimeProvider.System);
        using var seenHandlers = seenClient.AddHandlers(seen);
        await using var host = await SeenService.SeenServiceHost.StartAsync(seenClient, seen, cancellationToken: cancellation);

        await using var client = new KrytenClient(options);
        using var handlers = client.AddHandlers(new EchoHandlers(TextWriter.Null, new EchoBot.SeenClient(client), TimeProvider.System));
        await client.ConnectAsync(cancellation);

        List<string> said;
        await using (StartBridge(Channel, cancellation))
        {
            said = await BotMessagesAsync(echoes, count: 2, TimeSpan.FromSeconds(30));
        }

        said.ShouldContain("alice was last seen just now: \"brb, tea\"");
        said.ShouldContain("I have not seen carol");
    }

    // The bridge echoes what the bot says as chatMsg events from its own user, as CyTube does.
    private static async Task<List<string>> BotMessagesAsync(INatsSub<byte[]> echoes, int count, TimeSpan timeout)
    {
        var said = new List<string>();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (said.Count < count)
            {
                var msg = await echoes.Msgs.ReadAsync(deadline.Token);
                using var envelope = JsonDocument.Parse(msg.Data);
                var payload = envelope.RootElement.GetProperty("payload");
                if (payload.GetProperty("username").GetString() == "KrytenBot") said.Add(payload.GetProperty("msg").GetString()!);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        return said;
    }
}

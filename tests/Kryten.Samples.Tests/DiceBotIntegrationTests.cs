using System.Text.Json;
using System.Threading.Channels;
using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Samples.DiceBot;
using Kryten.Sdk;
using NATS.Client.Core;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// DiceBot's commands in a real KrytenClient, the bridge simulator replaying a session (its KV user list gives the
/// ranks) and a real nats-server in between: what the bot says comes back as the bridge's chatMsg echo from the bot's
/// own user, which the bot must not take as commands (its help answers start with "!"); the bridge's user-level reply
/// names that user. The first command comes after the bridge has written its user list to KV and the bot has read it.
/// </summary>
public sealed class DiceBotIntegrationTests : BridgeSimulatorHarness
{
    private const string Channel = "420Grindhouse";

    [Fact]
    public async Task DiceBot_answers_its_commands_with_live_ranks_and_ignores_its_own_echo()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var live = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();   // later than the bridge's start: not the join backlog
        await WriteSessionAsync(
        [
            """{"after_ms": 0, "event": "userlist", "payload": [{"name": "alice", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}, {"name": "mod", "rank": 2, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}, {"name": "KrytenBot", "rank": 2, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}]}""",
            $$$"""{"after_ms": 2500, "event": "chatMsg", "payload": {"username": "alice", "msg": "!roll 2d6+3", "meta": {}, "time": {{{live}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "!skip", "meta": {}, "time": {{{live}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "mod", "msg": "!skip", "meta": {}, "time": {{{live}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "!help roll", "meta": {}, "time": {{{live}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "!choose tea | coffee", "meta": {}, "time": {{{live}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "!cooldown", "meta": {}, "time": {{{live}}}}}""",
            $$$"""{"after_ms": 0, "event": "chatMsg", "payload": {"username": "alice", "msg": "!cooldown", "meta": {}, "time": {{{live}}}}}""",
        ], cancellation);

        await using var watcher = await ConnectPeerAsync();
        await using var echoes = await SubscribeAsync(watcher, $"{KrytenWire.EventSubjectPrefix}.420grindhouse.chatmsg", cancellation);
        await using var commands = await SubscribeAsync(watcher, KrytenWire.CommandSubject, cancellation);

        var options = new KrytenOptions
        {
            Nats = { Servers = [Server.Url] },
            Channels = [new KrytenChannelOptions { Channel = Channel, Domain = "cytu.be" }],
            Chat = { Pacing = false },
        };
        await using var client = new KrytenClient(options);
        using var registration = client.AddChatCommands(new DiceCommands(new Random(7)));
        await client.ConnectAsync(cancellation);

        List<string> said;
        await using (StartBridge(Channel, cancellation))
        {
            said = await BotMessagesAsync(echoes, count: 7, TimeSpan.FromSeconds(30));
            await Task.Delay(500, cancellation);   // an answer to its own echo would arrive now
            said.AddRange(await BotMessagesAsync(echoes, count: 1, TimeSpan.FromMilliseconds(500)));
        }

        said.Count.ShouldBe(7, string.Join(" | ", said));
        said[0].ShouldMatch(@"^alice rolled 2d6\+3: \d+ \(\d, \d\)$");
        said[1].ShouldBe("alice: you need rank 2 for !skip");
        said[2].ShouldBe("skipping");
        said[3].ShouldBe("!roll [dice] (also !r) — Rolls NdM dice plus or minus K (1d6 by default).");
        said[4].ShouldBeOneOf("tea", "coffee");
        said[5].ShouldBe("ok");
        said[6].ShouldMatch(@"^alice: wait (10|9)s$");
        CommandNames(commands).Count(c => c == "playNext").ShouldBe(1);
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

    private static List<string> CommandNames(INatsSub<byte[]> commands)
    {
        var names = new List<string>();
        while (commands.Msgs.TryRead(out var msg))
        {
            using var request = JsonDocument.Parse(msg.Data);
            names.Add(request.RootElement.GetProperty("command").GetString()!);
        }
        return names;
    }
}

using System.Text;
using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Nats;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The simulator on a real nats-server: an awaiting command's answer goes out on the bridge's event subject, and the
/// reply carries that very message (same bytes, so the same timestamp and correlation id), as from the real bridge.
/// </summary>
public sealed class BridgeSimulatorNatsTests : BridgeSimulatorHarness
{
    [Fact]
    public async Task Request_channel_ranks_reply_embeds_the_channelRanks_message_published_on_the_event_subject()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync(
        [
            """{"after_ms": 0, "event": "userlist", "payload": [{"name": "alice", "rank": 3, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}]}""",
        ], cancellation);
        await using var client = new NatsConnection(new NatsOpts { Servers = [Server.Url] });
        await client.ConnectAsync(cancellation);
        await using var userlists = await client.SubscribeAsync("kryten.events.cytube.lounge-test.userlist", cancellationToken: cancellation);
        await using var ranks = await client.SubscribeAsync("kryten.events.cytube.lounge-test.channelranks", cancellationToken: cancellation);
        await client.FlushAsync(cancellation);

        await using (StartBridge("Lounge Test", cancellation))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            // The bridge subscribes to commands before it replays, so once the userlist is out it is listening.
            using (await userlists.Messages.ReadAsync(deadline.Token))
            {
            }

            using var reply = await client.RequestAsync("kryten.robot.command",
                """{"command": "requestChannelRanks", "service": "robot", "args": {}, "meta": {"domain": "cytu.be", "channel": "lounge test"}}"""u8.ToArray(),
                timeout: TimeSpan.FromSeconds(10), cancellationToken: cancellation);
            using var published = await ranks.Messages.ReadAsync(deadline.Token);

            var envelope = Encoding.ASCII.GetString(published.Data.Span);
            envelope.ShouldStartWith("""{"event_name": "channelRanks", "payload": [{"name": "alice", "rank": 3, "channel": "lounge test"}], "channel": "Lounge Test", "domain": "cytu.be", "timestamp": """);
            Encoding.ASCII.GetString(reply.Data.Span)
                .ShouldBe("""{"service": "robot", "command": "requestChannelRanks", "success": true, "data": {"ranks": """ + envelope + "}}");
        }
    }
}

using System.Text;
using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Sdk;
using NATS.Client.Core;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The simulator on a real nats-server: an awaiting command's answer goes out on the bridge's event subject, and the
/// reply carries that very message (same bytes, so the same timestamp and correlation id), as from the real bridge;
/// an event the bridge cannot build a subject for is dropped, as the bridge drops it, and the replay goes on.
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
        await using var client = await ConnectPeerAsync();
        await using var userlists = await SubscribeAsync(client, $"{KrytenWire.EventSubjectPrefix}.lounge-test.userlist", cancellation);
        await using var ranks = await SubscribeAsync(client, $"{KrytenWire.EventSubjectPrefix}.lounge-test.channelranks", cancellation);

        await using (StartBridge("Lounge Test", cancellation))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            // The bridge subscribes to commands before it replays, so once the userlist is out it is listening.
            await userlists.Msgs.ReadAsync(deadline.Token);

            var reply = await client.RequestAsync<byte[], byte[]>(KrytenWire.CommandSubject,
                """{"command": "requestChannelRanks", "service": "robot", "args": {}, "meta": {"domain": "cytu.be", "channel": "lounge test"}}"""u8.ToArray(),
                replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken: cancellation);
            var published = await ranks.Msgs.ReadAsync(deadline.Token);

            var envelope = Encoding.ASCII.GetString(published.Data.ShouldNotBeNull());
            envelope.ShouldStartWith("""{"event_name": "channelRanks", "payload": [{"name": "alice", "rank": 3, "channel": "lounge test"}], "channel": "Lounge Test", "domain": "cytu.be", "timestamp": """);
            Encoding.ASCII.GetString(reply.Data.ShouldNotBeNull())
                .ShouldBe("""{"service": "robot", "command": "requestChannelRanks", "success": true, "data": {"ranks": """ + envelope + "}}");
        }
    }

    [Fact]
    public async Task Event_whose_subject_the_bridge_cannot_build_is_dropped_and_the_replay_goes_on()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync(
        [
            """{"after_ms": 0, "event": "...", "payload": null}""",
            """{"after_ms": 0, "event": "usercount", "payload": 3}""",
        ], cancellation);
        await using var client = await ConnectPeerAsync();
        await using var events = await SubscribeAsync(client, $"{KrytenWire.EventSubjectPrefix}.lounge-test.>", cancellation);

        await using (StartBridge("Lounge Test", cancellation))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            var first = await events.Msgs.ReadAsync(deadline.Token);

            first.Subject.ShouldBe($"{KrytenWire.EventSubjectPrefix}.lounge-test.usercount");
        }
    }
}

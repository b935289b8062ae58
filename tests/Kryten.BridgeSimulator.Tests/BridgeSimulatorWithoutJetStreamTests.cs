using Kryten.BridgeSimulator.Tests.Support;
using Kryten.Sdk;
using NATS.Client.Core;
using Shouldly;
using Xunit;
using static Kryten.BridgeSimulator.Tests.BridgeSimulatorStateNatsTests;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// On a nats-server without JetStream the bridge runs without state (wire-contract §6.1): it announces itself, publishes
/// events and answers robot commands, but its state handler never starts, so <c>state.*</c> and <c>system.services</c>
/// go unanswered.
/// </summary>
public sealed class BridgeSimulatorWithoutJetStreamTests : BridgeSimulatorHarness
{
    protected override bool JetStream => false;

    [Fact]
    public async Task Without_jetstream_the_bridge_runs_without_state_and_without_the_state_handler()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await WriteSessionAsync([Line("setMotd", "\"hello\""), Line("usercount", "1")], cancellation);
        await using var peer = await ConnectPeerAsync();
        await using var ready = await SubscribeAsync(peer, "kryten.lifecycle.robot.startup", cancellation);
        await using var last = await SubscribeAsync(peer, $"{KrytenWire.EventSubjectPrefix}.chan_nojs.usercount", cancellation);

        await using (StartBridge("Chan_NoJS", cancellation))
        {
            await ReadyAsync(ready, cancellation);
            await NextMessageAsync(last, cancellation);

            foreach (var command in new[] { "state.motd", "system.services", "system.version" })
            {
                await Should.ThrowAsync<NatsNoReplyException>(() =>
                    RequestAsync(peer, $$"""{"service": "robot", "command": "{{command}}"}""", cancellation, TimeSpan.FromSeconds(1)));
            }
            // Only the robot handler is left, so ping has its shape alone.
            (await RequestAsync(peer, """{"service": "robot", "command": "system.ping"}""", cancellation))
                .ShouldContain("\"cytube_connected\": true, \"channel\": \"Chan_NoJS\", \"domain\": \"cytu.be\"");
        }
    }
}

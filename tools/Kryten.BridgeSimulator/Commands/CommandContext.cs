using System.Text.Json;
using Kryten.BridgeSimulator.CyTube;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// What a handler sees besides its arguments: the whole request (for <c>system.*</c>), the simulated channel, the
/// bridge's identity and counters, and a way to publish what CyTube answers in the bridge's envelope.
/// </summary>
internal sealed class CommandContext(string command, JsonElement request, BridgeIdentity bridge, SimulatedChannel channel,
    BridgeCounters counters, TimeProvider time, TimeSpan uptime)
{
    public string Command { get; } = command;

    public JsonElement Request { get; } = request;

    public BridgeIdentity Bridge { get; } = bridge;

    public SimulatedChannel Channel { get; } = channel;

    public BridgeCounters Counters { get; } = counters;

    public TimeProvider Time { get; } = time;

    /// <summary>Time since the simulator connected, which the robot handler reports as its NATS uptime.</summary>
    public TimeSpan Uptime { get; } = uptime;

    /// <summary>Wraps a CyTube event the way the bridge does when it publishes it (fresh timestamp and correlation id).</summary>
    public PublishedEvent Publish(CyTubeEvent cytube) => new(cytube.EventName,
        BridgeEnvelope.Build(cytube.EventName, cytube.WritePayload, Bridge.Channel, Bridge.Domain, Time.GetUtcNow(), Guid.NewGuid()));

    public List<PublishedEvent> Publish(IEnumerable<CyTubeEvent> cytube) => [.. cytube.Select(Publish)];
}

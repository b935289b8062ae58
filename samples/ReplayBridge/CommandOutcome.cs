namespace Kryten.Samples.ReplayBridge;

/// <summary>A CyTube event the simulated channel emits because of a command (CyTube echoes chat, announces queues).</summary>
internal sealed record EmittedEvent(string EventName, Action<PythonJsonWriter> WritePayload);

/// <summary>What the bridge does with one <c>kryten.robot.command</c> request.</summary>
/// <param name="Reply">The reply body, or null when the bridge stays silent (unknown command, another bridge's meta).</param>
/// <param name="Events">Events published before the reply, in order.</param>
/// <param name="Summary">One human-readable line for the log.</param>
internal sealed record CommandOutcome(byte[]? Reply, IReadOnlyList<EmittedEvent> Events, string Summary);

using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>An event the simulated CyTube sends because of a command (it echoes chat, announces queues, opens polls).</summary>
internal sealed record CyTubeEvent(string EventName, Action<PythonJsonWriter> WritePayload);

namespace Kryten.BridgeSimulator;

/// <summary>Who the simulator is: the bridge's <c>cytube.domain</c>/<c>cytube.channel</c> and its CyTube user.</summary>
internal sealed record BridgeIdentity(string Domain, string Channel, string BotName);

namespace Kryten.BridgeSimulator;

/// <summary>How the simulator presents itself: the bridge's <c>cytube.domain</c>/<c>cytube.channel</c> and bot user.</summary>
internal sealed record BridgeSettings(
    string NatsUrl,
    string Domain,
    string Channel,
    string BotName,
    string SessionFile,
    double Speed,
    bool Loop,
    TimeSpan? Linger);

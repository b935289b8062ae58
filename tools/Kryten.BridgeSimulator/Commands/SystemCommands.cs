using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// <c>system.ping</c>, <c>system.health</c> and <c>system.stats</c> in the robot handler's shapes (wire-contract §4.3,
/// keys in the order the handler builds them), and <c>restart</c>/<c>halt</c>/<c>reconnect</c>, which make the bridge
/// drop its CyTube socket. The simulator has no health server (so no <c>metrics_endpoint</c>), no Path A subscriber
/// (so no <c>cytube_commands_*</c>), and keeps its simulated CyTube connected.
/// </summary>
internal static class SystemCommands
{
    public const string BridgeVersion = "1.12.4";

    public static void Register(CommandTable table) => table
        .Add(ArgumentSource.None, Ping, "system.ping")
        .Add(ArgumentSource.None, Health, "system.health")
        .Add(ArgumentSource.None, Stats, "system.stats")
        .Add(ArgumentSource.None, (context, args) => Message("Restarting connection"), "restart")
        .Add(ArgumentSource.None, (context, args) => Message("Halting connection"), "halt")
        .Add(ArgumentSource.None, (context, args) => Message("Reconnecting"), "reconnect");

    private static HandlerResult Ping(CommandContext context, CommandArgs args) => HandlerResult.Data(json => json.StartObject()
        .Key("pong").Bool(true).Key("service").String(KrytenWire.RobotService).Key("version").String(BridgeVersion)
        .Key("uptime_seconds").Number(Uptime(context))
        .Key("timestamp").String(KrytenTimestamps.Format(context.Time.GetUtcNow()))
        .Key("cytube_connected").Bool(true).Key("channel").String(context.Bridge.Channel).Key("domain").String(context.Bridge.Domain)
        .EndObject(), "system.ping");

    private static HandlerResult Health(CommandContext context, CommandArgs args) => HandlerResult.Data(json => json.StartObject()
        .Key("service").String(KrytenWire.RobotService).Key("status").String("healthy").Key("version").String(BridgeVersion)
        .Key("uptime_seconds").Number(Uptime(context))
        .Key("nats_connected").Bool(true).Key("nats_reconnect_count").Number(0)
        .Key("cytube_connected").Bool(true).Key("channel").String(context.Bridge.Channel).Key("domain").String(context.Bridge.Domain)
        .EndObject(), "system.health");

    // events_published is always 0 in the bridge: it reads an attribute its publisher does not have.
    private static HandlerResult Stats(CommandContext context, CommandArgs args) => HandlerResult.Data(json => json.StartObject()
        .Key("service").String(KrytenWire.RobotService).Key("version").String(BridgeVersion)
        .Key("uptime_seconds").Number(Uptime(context))
        .Key("commands_processed").Number(context.Counters.CommandsProcessed)
        .Key("messages_published").Number(context.Counters.MessagesPublished)
        .Key("bytes_sent").Number(context.Counters.BytesSent)
        .Key("nats_errors").Number(0)
        .Key("events_published").Number(0)
        .EndObject(), "system.stats");

    private static HandlerResult Message(string message) =>
        HandlerResult.Data(json => json.StartObject().Key("message").String(message).EndObject(), message.ToLowerInvariant() + " (CyTube stays connected here)");

    private static double Uptime(CommandContext context) => Math.Round(context.Uptime.TotalSeconds, 3);
}

using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator;

/// <summary>
/// The bridge configuration the simulator stands for: its identity and NATS servers, the command sender available
/// (<c>commands.enabled</c>), no health server, and the bridge's defaults for everything else. The lifecycle events and
/// <c>system.config</c> show it.
/// </summary>
internal sealed record BridgeConfig(BridgeIdentity Identity, IReadOnlyList<string> NatsServers)
{
    public bool CommandsEnabled => true;

    public bool HealthEnabled => false;

    /// <summary>The <c>system.config</c> data: passwords redacted (the CyTube one always, the unset NATS one as null).</summary>
    public void Write(PythonJsonWriter json)
    {
        json.StartObject().Key("cytube").StartObject()
            .Key("domain").String(Identity.Domain).Key("channel").String(Identity.Channel).Key("user").String(Identity.BotName)
            .Key("password").String("***REDACTED***").EndObject();
        json.Key("nats").StartObject().Key("servers").StartArray();
        foreach (var server in NatsServers) json.String(server);
        json.EndArray().Key("user").Null().Key("password").Null()
            .Key("max_reconnect_attempts").Number(10).Key("reconnect_time_wait").Number(2).EndObject();
        json.Key("health").StartObject().Key("enabled").Bool(HealthEnabled).Key("host").String("0.0.0.0").Key("port").Number(8080).EndObject()
            .Key("commands").StartObject().Key("enabled").Bool(CommandsEnabled).EndObject()
            .Key("logging").StartObject().Key("base_path").String("./logs").Key("admin_operations").String("admin-operations.log")
            .Key("playlist_operations").String("playlist-operations.log").Key("chat_messages").String("chat-messages.log")
            .Key("command_audit").String("command-audit.log").EndObject()
            .Key("log_level").String("INFO").EndObject();
    }
}

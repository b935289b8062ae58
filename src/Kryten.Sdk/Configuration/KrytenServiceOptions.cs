namespace Kryten.Sdk;

/// <summary>
/// The client's service identity: with it the client takes part in the Kryten lifecycle (wire-contract §5) exactly as a
/// kryten-py service does, so the bridge's service registry (<c>system.services</c>) lists it. It announces itself on
/// <c>kryten.lifecycle.{name}.startup</c> after connecting, heartbeats every <see cref="HeartbeatInterval"/>, answers
/// <c>kryten.service.discovery.poll</c>, announces itself again whenever the bridge starts (its registry starts empty),
/// and publishes <c>shutdown</c> when it stops. Without one (the default) a client publishes no lifecycle.
/// </summary>
/// <example>
/// <code>
/// options.Service = new KrytenServiceOptions { Name = "echobot", HealthPort = 28282 };   // metrics at the same port's /metrics: MetricsPort = 28282
/// </code>
/// </example>
public sealed class KrytenServiceOptions
{
    /// <summary>False keeps the identity but publishes no lifecycle (e.g. <c>enabled: ${KRYTEN_LIFECYCLE:-true}</c> in a file).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The service name in lifecycle subjects and payloads; null for the entry assembly's name. Normalized as kryten-py
    /// does (<see cref="NormalizeName"/>: trimmed, lower case, <c>.</c> → <c>-</c>), so <c>My.Bot</c> announces as
    /// <c>my-bot</c>. The bridge's registry keys services by this name alone.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The version announced; null for the entry assembly's informational version (<c>unknown</c> without one).</summary>
    public string? Version { get; set; }

    /// <summary>
    /// Tells several instances of one service apart: sent as <c>metadata.instance_id</c> and read back by
    /// <see cref="Events.ServiceAnnouncement.InstanceId"/>. Null (the default) sends nothing, so the payloads are byte for byte
    /// kryten-py's. The bridge's registry still keeps one entry per name.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>How often to publish a heartbeat, the first one an interval after the startup (kryten-py's default 30 s; the registry calls a service stale after 90 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Port of the bot's HTTP health endpoint, announced as <c>metadata.endpoints.health</c>; null announces none.</summary>
    public int? HealthPort { get; set; }

    /// <summary>Path of the health endpoint.</summary>
    public string HealthPath { get; set; } = KrytenWire.DefaultHealthPath;

    /// <summary>Port of the bot's metrics endpoint, announced as <c>metadata.endpoints.metrics</c>; null announces none.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Path of the metrics endpoint.</summary>
    public string MetricsPath { get; set; } = KrytenWire.DefaultMetricsPath;

    /// <summary>kryten-py's service-name rule: trimmed, lower case, and <c>.</c> replaced by <c>-</c> (one NATS token).</summary>
    /// <param name="name">A configured or assembly name.</param>
    /// <returns>E.g. <c>my-bot</c> for <c> My.Bot </c>.</returns>
    /// <example><code>string name = KrytenServiceOptions.NormalizeName("Kryten.Samples.EchoBot");   // "kryten-samples-echobot"</code></example>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant().Replace('.', '-');
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{{ Enabled = {Enabled}, Name = {Name ?? "(entry assembly)"}, Version = {Version ?? "(entry assembly)"}, InstanceId = {InstanceId ?? "-"}, " +
        $"HeartbeatInterval = {HeartbeatInterval}, Health = {(HealthPort is { } h ? $"{h}{HealthPath}" : "-")}, Metrics = {(MetricsPort is { } m ? $"{m}{MetricsPath}" : "-")} }}";
}

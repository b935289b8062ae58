namespace Kryten.Sdk;

/// <summary>How a <see cref="KrytenServiceHost"/> serves its service.</summary>
/// <example><code>var options = new KrytenServiceHostOptions { Version = "1.2.0", RegisterWithNatsServices = false };</code></example>
public sealed class KrytenServiceHostOptions
{
    /// <summary>The version <c>system.ping</c>, <c>system.health</c>, <c>system.stats</c> and <c>$SRV.INFO</c> report (SemVer).</summary>
    public string Version { get; set; } = "0.0.0";

    /// <summary>
    /// The NATS queue group of the command subscription: instances of one service in one group share the requests, so
    /// each is answered once. Null means the service name.
    /// </summary>
    public string? QueueGroup { get; set; }

    /// <summary>
    /// Also registers the service with the NATS services framework (<c>$SRV.PING</c>, <c>$SRV.INFO</c>,
    /// <c>$SRV.STATS</c>), so standard NATS tooling (<c>nats micro ls</c>) finds it. On by default; ignored by transports
    /// that are not NATS (the in-memory bus).
    /// </summary>
    public bool RegisterWithNatsServices { get; set; } = true;

    /// <summary>A description for <c>$SRV.INFO</c>.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// Accepts requests whose <c>service</c> key is <c>system</c> (kryten-shell's discovery ping sends it). Off by
    /// default, like the moderator and userstats services (services.md §1.5).
    /// </summary>
    public bool AcceptSystemService { get; set; }
}

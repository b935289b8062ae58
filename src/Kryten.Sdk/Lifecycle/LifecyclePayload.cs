namespace Kryten.Sdk.Lifecycle;

/// <summary>
/// The bytes of a service's lifecycle payload, as kryten-py's <c>LifecycleEventPublisher</c> writes them
/// (wire-contract §5.4): <c>service</c>, <c>version</c>, <c>hostname</c>, <c>timestamp</c>, <c>uptime_seconds</c>,
/// then <c>metadata</c> when there is any (<c>endpoints.health</c>/<c>endpoints.metrics</c> as <c>{port, path}</c>, each
/// only with a port, then the instance id), then <c>reason</c> on a shutdown.
/// </summary>
internal static class LifecyclePayload
{
    public static byte[] Write(KrytenServiceIdentity identity, KrytenServiceOptions options, DateTimeOffset now, double uptimeSeconds, string? reason)
    {
        var json = new PythonJson().StartObject()
            .Key(KrytenWire.LifecycleService).String(identity.Name)
            .Key(KrytenWire.LifecycleVersion).String(identity.Version)
            .Key(KrytenWire.LifecycleHostname).String(identity.Hostname)
            .Key(KrytenWire.LifecycleTimestamp).String(KrytenTimestamps.Format(now))
            .Key(KrytenWire.LifecycleUptimeSeconds).Float(uptimeSeconds);
        if (options.HealthPort is not null || options.MetricsPort is not null || identity.InstanceId is not null)
        {
            json.Key(KrytenWire.LifecycleMetadata).StartObject();
            if (options.HealthPort is not null || options.MetricsPort is not null)
            {
                json.Key(KrytenWire.MetadataEndpoints).StartObject();
                Endpoint(json, KrytenWire.MetadataHealth, options.HealthPort, options.HealthPath);
                Endpoint(json, KrytenWire.MetadataMetrics, options.MetricsPort, options.MetricsPath);
                json.EndObject();
            }
            if (identity.InstanceId is { } instance) json.Key(KrytenWire.MetadataInstanceId).String(instance);
            json.EndObject();
        }
        if (reason is not null) json.Key(KrytenWire.LifecycleReason).String(reason);
        return json.EndObject().ToBytes();
    }

    private static void Endpoint(PythonJson json, string key, int? port, string path)
    {
        if (port is not { } p) return;
        json.Key(key).StartObject().Key(KrytenWire.EndpointPort).Integer(p).Key(KrytenWire.EndpointPath).String(path).EndObject();
    }
}

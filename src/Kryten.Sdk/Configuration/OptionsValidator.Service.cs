namespace Kryten.Sdk.Configuration;

internal static partial class OptionsValidator
{
    private static void ValidateService(KrytenServiceOptions? s, Func<string?, string, string?> expand, List<string> problems)
    {
        if (s is null) return;
        s.Name = expand(s.Name, "service.name");
        s.Version = expand(s.Version, "service.version");
        s.InstanceId = expand(s.InstanceId, "service.instanceId");
        s.HealthPath = expand(s.HealthPath, "service.healthPath") ?? "";
        s.MetricsPath = expand(s.MetricsPath, "service.metricsPath") ?? "";
        var name = KrytenServiceIdentity.ResolveName(s);
        if (string.IsNullOrEmpty(name)) problems.Add("service.name: required (there is no entry assembly name to default to)");
        else if (!KrytenSubjects.IsValidNatsToken(name)) problems.Add($"service.name: '{s.Name}' becomes '{name}', not a valid NATS subject token (the lifecycle subject is kryten.lifecycle.{{name}}.startup)");
        else if (name == KrytenWire.LifecycleBridgeService) problems.Add($"service.name: '{name}' is the bridge's own service name");
        if (s.Version is { Length: 0 }) problems.Add("service.version: must not be empty (leave it out for the entry assembly's version)");
        if (s.InstanceId is { Length: 0 }) problems.Add("service.instanceId: must not be empty (leave it out for none)");
        if (s.HeartbeatInterval < TimeSpan.FromMilliseconds(1)) problems.Add("service.heartbeatInterval: must be at least 1ms");
        Endpoint(s.HealthPort, s.HealthPath, "service.healthPort", "service.healthPath", problems);
        Endpoint(s.MetricsPort, s.MetricsPath, "service.metricsPort", "service.metricsPath", problems);
    }

    private static void Endpoint(int? port, string path, string portPath, string pathPath, List<string> problems)
    {
        if (port is < 1 or > 65535) problems.Add($"{portPath}: a TCP port, from 1 to 65535");
        if (!path.StartsWith('/')) problems.Add($"{pathPath}: an HTTP path starting with '/', got '{path}'");
    }
}

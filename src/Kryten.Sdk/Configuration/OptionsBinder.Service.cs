namespace Kryten.Sdk.Configuration;

internal sealed partial class OptionsBinder
{
    // A `service:` section gives the client a service identity, even an empty one (every value has a default).
    private KrytenServiceOptions BindService(ConfigNode node)
    {
        var service = new KrytenServiceOptions();
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "enabled": service.Enabled = Bool(value, service.Enabled); break;
                case "name": service.Name = String(value); break;
                case "version": service.Version = String(value); break;
                case "instanceid": service.InstanceId = String(value); break;
                case "heartbeatinterval": service.HeartbeatInterval = Duration(value, service.HeartbeatInterval); break;
                case "healthport": service.HealthPort = Int(value, 0); break;
                case "healthpath": service.HealthPath = String(value) ?? ""; break;
                case "metricsport": service.MetricsPort = Int(value, 0); break;
                case "metricspath": service.MetricsPath = String(value) ?? ""; break;
                default: Unknown(value); break;
            }
        }
        return service;
    }
}

using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Testing;

namespace Kryten.Sdk.Tests.Lifecycle;

/// <summary>The service identity: binding from files, validation (every problem at once), and its defaults.</summary>
public sealed class ServiceOptionsTests
{
    [Fact]
    public void A_service_section_binds_every_setting()
    {
        var options = KrytenOptionsLoader.FromYaml("""
            service:
              name: ${BOT_NAME}
              version: 2.1.0
              instance_id: pod-3
              heartbeat_interval: 10s
              health_port: 28282
              healthPath: /healthz
              metricsPort: 28283
              enabled: false
            skipBacklog: true
            """, name => name == "BOT_NAME" ? "Dice.Bot" : null);

        var service = options.Service.ShouldNotBeNull();
        (service.Name, service.Version, service.InstanceId, service.HeartbeatInterval, service.HealthPort, service.HealthPath, service.MetricsPort, service.MetricsPath, service.Enabled)
            .ShouldBe(("Dice.Bot", "2.1.0", "pod-3", TimeSpan.FromSeconds(10), (int?)28282, "/healthz", (int?)28283, "/metrics", false));
        options.SkipBacklog.ShouldBeTrue();
    }

    [Fact]
    public void An_empty_service_section_is_an_identity_with_every_default_and_none_is_no_identity()
    {
        var service = KrytenOptionsLoader.FromYaml("service:\n").Service.ShouldNotBeNull();
        (service.Enabled, service.Name, service.HeartbeatInterval, service.HealthPort, service.MetricsPort).ShouldBe((true, (string?)null, TimeSpan.FromSeconds(30), (int?)null, (int?)null));
        KrytenOptionsLoader.FromYaml("channels: []\n").Service.ShouldBeNull();
    }

    [Fact]
    public void Every_problem_of_the_service_is_reported_at_once()
    {
        var e = Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("""
            service:
              name: "my bot"
              heartbeatInterval: 0s
              healthPort: 70000
              metricsPath: metrics
              color: blue
            """));
        e.Problems.ShouldContain(p => p.StartsWith("service.color: unknown key", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("service.name: 'my bot' becomes 'my bot', not a valid NATS subject token", StringComparison.Ordinal));
        e.Problems.ShouldContain("service.heartbeatInterval: must be at least 1ms");
        e.Problems.ShouldContain("service.healthPort: a TCP port, from 1 to 65535");
        e.Problems.ShouldContain("service.metricsPath: an HTTP path starting with '/', got 'metrics'");
        e.Problems.Count.ShouldBe(5);
    }

    [Fact]
    public void The_bridge_s_own_name_is_refused() =>
        Should.Throw<KrytenConfigurationException>(() => new KrytenClient(new KrytenOptions { Service = new KrytenServiceOptions { Name = " Robot " } }, new InMemoryKrytenBus()))
            .Problems.ShouldHaveSingleItem().ShouldBe("service.name: 'robot' is the bridge's own service name");

    [Theory]
    [InlineData("My.Bot", "my-bot")]
    [InlineData("  EchoBot ", "echobot")]
    [InlineData("Kryten.Samples.EchoBot", "kryten-samples-echobot")]
    public void Names_are_normalized_as_kryten_py_does(string name, string normalized) => KrytenServiceOptions.NormalizeName(name).ShouldBe(normalized);

    [Fact]
    public async Task The_identity_defaults_to_the_entry_assembly_and_this_host()
    {
        var entry = System.Reflection.Assembly.GetEntryAssembly().ShouldNotBeNull();
        var options = TestClients.Options();
        options.Service = new KrytenServiceOptions();
        await using var client = new KrytenClient(options, new InMemoryKrytenBus());

        var identity = client.ServiceIdentity.ShouldNotBeNull();
        identity.Name.ShouldBe(KrytenServiceOptions.NormalizeName(entry.GetName().Name!));
        identity.Version.ShouldBe(System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(entry)!.InformationalVersion);
        identity.Hostname.ShouldBe(System.Net.Dns.GetHostName());
        identity.InstanceId.ShouldBeNull();
        await using var anonymous = new KrytenClient(TestClients.Options(), new InMemoryKrytenBus());
        anonymous.ServiceIdentity.ShouldBeNull();
    }
}

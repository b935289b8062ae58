using System.Text;
using Kryten.BridgeSimulator.Lifecycle;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Tests.Support;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The bridge's service registry (wire-contract §5.3): entries keyed by service name, a heartbeat only for a service
/// that announced its startup, a shutdown forgets it, staleness after 90 s without a heartbeat, and
/// <c>ServiceInfo.to_dict()</c> in its key order.
/// </summary>
public sealed class ServiceRegistryTests
{
    private const string T = "2026-08-14T18:25:43.511286+00:00";
    private const string Endpoints = """{"endpoints": {"health": {"port": 28282, "path": "/health"}, "metrics": {"port": 28282, "path": "/metrics"}}}""";
    private const string UserstatsStartup = $$"""{"service": "userstats", "version": "1.0.0", "hostname": "server1", "timestamp": "{{T}}", "uptime_seconds": 0.5, "metadata": {{Endpoints}}}""";
    private const string UserstatsHeartbeat = $$"""{"service": "userstats", "version": "1.0.0", "hostname": "server1", "timestamp": "{{T}}", "uptime_seconds": 30.001, "metadata": {{Endpoints}}}""";

    private static readonly DateTimeOffset At = DateTimeOffset.Parse(T, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_service_with_endpoints_is_listed_as_the_bridge_lists_it()
    {
        var (registry, time) = Registry();
        registry.Observe("startup", Bytes(UserstatsStartup)).ShouldBe("service userstats registered");
        registry.Observe("heartbeat", Bytes(UserstatsHeartbeat));
        time.Advance(TimeSpan.FromSeconds(12.5));

        Services(registry).ShouldBe($$"""{"services": [{"name": "userstats", "version": "1.0.0", "hostname": "server1", "first_seen": "{{T}}", "last_heartbeat": "{{T}}", "last_startup": "{{T}}", "heartbeat_count": 1, "seconds_since_heartbeat": 12.5, "is_stale": false, "health_port": 28282, "health_path": "/health", "health_url": "http://server1:28282/health", "metrics_port": 28282, "metrics_path": "/metrics", "metrics_url": "http://server1:28282/metrics", "metadata": {{UserstatsStartup}}}], "count": 1, "active_count": 1}""");
    }

    [Fact]
    public void The_bridges_own_ready_startup_registers_robot_which_goes_stale_after_90_seconds_without_heartbeats()
    {
        var (registry, time) = Registry();
        var ready = $$"""{"service": "robot", "version": "1.12.4", "hostname": "h", "timestamp": "{{T}}", "uptime_seconds": 0.2, "domain": "cytu.be", "channel": "420Grindhouse", "commands_enabled": true, "health_enabled": false}""";
        registry.Observe("startup", Bytes(ready));

        time.Advance(TimeSpan.FromSeconds(90));
        Services(registry).ShouldBe($$"""{"services": [{"name": "robot", "version": "1.12.4", "hostname": "h", "first_seen": "{{T}}", "last_heartbeat": "{{T}}", "last_startup": "{{T}}", "heartbeat_count": 0, "seconds_since_heartbeat": 90.0, "is_stale": false, "health_port": null, "health_path": "/health", "health_url": null, "metrics_port": null, "metrics_path": "/metrics", "metrics_url": null, "metadata": {{ready}}}], "count": 1, "active_count": 1}""");
        time.Advance(TimeSpan.FromTicks(10));
        Services(registry).ShouldContain("\"seconds_since_heartbeat\": 90.000001, \"is_stale\": true");
        Services(registry).ShouldEndWith("\"count\": 1, \"active_count\": 0}");
    }

    [Fact]
    public void A_heartbeat_refreshes_a_registered_service_and_is_ignored_from_an_unknown_one()
    {
        var (registry, time) = Registry();
        registry.Observe("heartbeat", Bytes("""{"service": "userstats", "timestamp": "2026-08-14T18:26:00+00:00"}"""));
        Services(registry).ShouldBe("""{"services": [], "count": 0, "active_count": 0}""");

        registry.Observe("startup", Bytes(UserstatsStartup));
        time.Advance(TimeSpan.FromSeconds(100));
        registry.Observe("heartbeat", Bytes("""{"service": "userstats", "timestamp": "2026-08-14T18:27:13.511286Z"}"""));

        Services(registry).ShouldContain("\"last_heartbeat\": \"2026-08-14T18:27:13.511286+00:00\", \"last_startup\": \"" + T + "\", \"heartbeat_count\": 1, \"seconds_since_heartbeat\": 10.0, \"is_stale\": false");
    }

    [Fact]
    public void A_second_startup_is_a_restart_that_keeps_first_seen_and_the_heartbeat_count()
    {
        var (registry, _) = Registry();
        registry.Observe("startup", Bytes(UserstatsStartup));
        registry.Observe("heartbeat", Bytes(UserstatsHeartbeat));

        registry.Observe("startup", Bytes("""{"service": "userstats", "version": "1.1.0", "timestamp": "2026-08-14T18:25:43.511286+02:00"}""")).ShouldBe("service userstats restarted");

        Services(registry).ShouldStartWith($$"""{"services": [{"name": "userstats", "version": "1.1.0", "hostname": "unknown", "first_seen": "{{T}}", "last_heartbeat": "2026-08-14T18:25:43.511286+02:00", "last_startup": "2026-08-14T18:25:43.511286+02:00", "heartbeat_count": 1, "seconds_since_heartbeat": 7200.0, "is_stale": true, "health_port": null,""");
    }

    [Fact]
    public void A_shutdown_forgets_the_service_and_entries_are_sorted_by_name()
    {
        var (registry, _) = Registry();
        foreach (var name in new[] { "zeta", "alpha", "mid" }) registry.Observe("startup", Bytes($$"""{"service": "{{name}}", "timestamp": "{{T}}"}"""));

        registry.Observe("shutdown", Bytes("""{"service": "mid", "reason": "Normal shutdown"}""")).ShouldBe("service mid shut down");

        var services = Services(registry);
        services.IndexOf("\"name\": \"alpha\"", StringComparison.Ordinal).ShouldBeLessThan(services.IndexOf("\"name\": \"zeta\"", StringComparison.Ordinal));
        services.ShouldNotContain("\"mid\"");
        services.ShouldEndWith("\"count\": 2, \"active_count\": 2}");
    }

    [Fact]
    public void A_startup_without_timestamp_is_now_and_an_unreadable_one_is_ignored()
    {
        var (registry, _) = Registry();
        registry.Observe("startup", Bytes("""{"service": "a"}""")).ShouldNotBeNull();
        registry.Observe("startup", Bytes("""{"service": "b", "timestamp": "yesterday"}""")).ShouldBeNull();
        registry.Observe("startup", Bytes("""{"service": "c", "timestamp": 1786731943}""")).ShouldBeNull();

        Services(registry).ShouldContain($"\"first_seen\": \"{T}\"");
        Services(registry).ShouldEndWith("\"count\": 1, \"active_count\": 1}");
    }

    [Theory]
    [InlineData("""{"service": "a", "metadata": null}""")]
    [InlineData("""{"service": "a", "metadata": {"endpoints": []}}""")]
    [InlineData("""{"service": "a", "metadata": {"endpoints": {"health": 28282}}}""")]
    [InlineData("""{"service": ""}""")]
    [InlineData("""{"service": 5}""")]
    [InlineData("""["service", "a"]""")]
    [InlineData("not json")]
    public void A_startup_the_bridge_cannot_read_registers_nothing(string startup)
    {
        var (registry, _) = Registry();

        registry.Observe("startup", Bytes(startup)).ShouldBeNull();
        Services(registry).ShouldBe("""{"services": [], "count": 0, "active_count": 0}""");
    }

    [Fact]
    public void A_naive_timestamp_is_accepted_and_then_breaks_system_services()
    {
        var (registry, _) = Registry();
        registry.Observe("startup", Bytes("""{"service": "naive", "timestamp": "2026-08-14T18:25:43"}""")).ShouldNotBeNull();

        registry.TryWriteServices(new PythonJsonWriter(), out var error).ShouldBeFalse();
        error.ShouldBe("can't subtract offset-naive and offset-aware datetimes");
    }

    [Fact]
    public void Endpoint_urls_use_the_hostname_and_paths_as_sent()
    {
        var (registry, _) = Registry();
        registry.Observe("startup", Bytes("""{"service": "s", "hostname": "box", "timestamp": "2026-08-14T18:25:43.511286+00:00", "metadata": {"endpoints": {"metrics": {"port": 9100, "path": "/m"}}}}"""));

        Services(registry).ShouldContain("\"health_port\": null, \"health_path\": \"/health\", \"health_url\": null, \"metrics_port\": 9100, \"metrics_path\": \"/m\", \"metrics_url\": \"http://box:9100/m\"");
    }

    private static (ServiceRegistry Registry, ManualTime Time) Registry()
    {
        var time = new ManualTime(At);
        return (new ServiceRegistry(time), time);
    }

    private static string Services(ServiceRegistry registry)
    {
        var json = new PythonJsonWriter();
        registry.TryWriteServices(json, out var error).ShouldBeTrue(error);
        return json.ToString();
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}

using System.Text;
using Kryten.Sdk.Lifecycle;

namespace Kryten.Sdk.Tests.Lifecycle;

/// <summary>
/// Lifecycle payloads byte for byte as kryten-py writes them (wire-contract §0.2, §5.1, §5.4, TV-29; services.md §2.5,
/// §3.5), and the Python json.dumps rules behind them.
/// </summary>
public sealed class LifecyclePayloadTests
{
    private static readonly DateTimeOffset Tv29Time = DateTimeOffset.Parse("2026-08-14T18:25:43.511286+00:00", System.Globalization.CultureInfo.InvariantCulture);

    private static string Payload(string service, string version, string host, DateTimeOffset at, double uptime, string? reason = null,
        int? healthPort = null, int? metricsPort = null, string? instance = null) =>
        Encoding.ASCII.GetString(LifecyclePayload.Write(new KrytenServiceIdentity(service, version, host, instance),
            new KrytenServiceOptions { HealthPort = healthPort, MetricsPort = metricsPort }, at, uptime, reason));

    [Fact]
    public void A_heartbeat_with_endpoints_is_TV_29_userstats_byte_for_byte() =>
        Payload("userstats", "1.0.0", "server1", Tv29Time, 30.001, healthPort: 28282, metricsPort: 28282).ShouldBe(
            """{"service": "userstats", "version": "1.0.0", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 30.001, "metadata": {"endpoints": {"health": {"port": 28282, "path": "/health"}, "metrics": {"port": 28282, "path": "/metrics"}}}}""");

    [Fact]
    public void A_startup_is_the_moderator_s_as_kryten_py_writes_it() =>
        Payload("moderator", "0.8.1", "vm", DateTimeOffset.Parse("2026-12-06T23:48:06.471594+00:00", System.Globalization.CultureInfo.InvariantCulture), 1.6e-05, healthPort: 28284, metricsPort: 28284).ShouldBe(
            """{"service": "moderator", "version": "0.8.1", "hostname": "vm", "timestamp": "2026-12-06T23:48:06.471594+00:00", "uptime_seconds": 1.6e-05, "metadata": {"endpoints": {"health": {"port": 28284, "path": "/health"}, "metrics": {"port": 28284, "path": "/metrics"}}}}""");

    [Fact]
    public void A_shutdown_ends_with_its_reason_as_TV_29_shows() =>
        Payload("robot", "1.12.4", "server1", Tv29Time, 8100.5, reason: "Normal shutdown").ShouldBe(
            """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 8100.5, "reason": "Normal shutdown"}""");

    [Fact]
    public void The_base_payload_without_metadata_is_TV_29_s_first_startup() =>
        Payload("robot", "1.12.4", "server1", Tv29Time, 0.000412).ShouldBe(
            """{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.000412}""");

    [Fact]
    public void Only_configured_endpoints_are_announced_and_the_instance_id_follows_them()
    {
        Payload("bot", "1", "h", Tv29Time, 1, metricsPort: 9100).ShouldContain("""
            "metadata": {"endpoints": {"metrics": {"port": 9100, "path": "/metrics"}}}}
            """.Trim());
        Payload("bot", "1", "h", Tv29Time, 1, healthPort: 8080, instance: "pod-7", reason: "bye").ShouldEndWith(
            """
            "metadata": {"endpoints": {"health": {"port": 8080, "path": "/health"}}, "instance_id": "pod-7"}, "reason": "bye"}
            """.Trim());
        Payload("bot", "1", "h", Tv29Time, 1, instance: "pod-7").ShouldEndWith("""
            "uptime_seconds": 1.0, "metadata": {"instance_id": "pod-7"}}
            """.Trim());
    }

    [Theory]
    [InlineData(1.6e-05, "1.6e-05")]
    [InlineData(4e-06, "4e-06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.000412, "0.000412")]
    [InlineData(30.0, "30.0")]
    [InlineData(30.001, "30.001")]
    [InlineData(8100.5, "8100.5")]
    [InlineData(123456789.123, "123456789.123")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(0.0, "0.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-07, "1e-07")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(0.00001234, "1.234e-05")]
    public void Floats_are_written_as_Python_s_repr(double value, string repr) => PythonJson.Repr(value).ShouldBe(repr);

    [Fact]
    public void Strings_are_escaped_as_json_dumps_with_ensure_ascii() =>
        // wire-contract §0.2's verified output: json.dumps({"a":"\x7f<>&/é😀\t\n"})
        Encoding.ASCII.GetString(new PythonJson().StartObject().Key("a").String("\u007f<>&/é😀\t\n").EndObject().ToBytes())
            .ShouldBe("""{"a": "\u007f<>&/\u00e9\ud83d\ude00\t\n"}""");
}

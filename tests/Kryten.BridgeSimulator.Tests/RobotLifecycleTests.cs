using System.Text;
using Kryten.BridgeSimulator.Lifecycle;
using Kryten.BridgeSimulator.Tests.Support;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The bridge's lifecycle payloads (wire-contract §5.1), byte-compared with the contract's TV-29 examples: the base keys
/// in order, the timestamp as Python's <c>isoformat()</c>, the uptime a float of microseconds since <c>start()</c>, then
/// each event's keys.
/// </summary>
public sealed class RobotLifecycleTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 8, 14, 18, 25, 43, TimeSpan.Zero).AddTicks(5_112_860);

    [Fact]
    public void First_startup_is_the_base_payload() =>
        Text(Lifecycle(TimeSpan.FromTicks(4_120)).StartupEvent(), "kryten.lifecycle.robot.startup")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.000412}""");

    [Fact]
    public void Nats_connected_lists_the_servers() =>
        Text(Lifecycle(TimeSpan.FromTicks(51_000)).NatsConnected(["nats://localhost:4222"]), "kryten.lifecycle.robot.connected")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 0.0051, "target": "NATS", "servers": ["nats://localhost:4222"]}""");

    [Fact]
    public void CyTube_connected_names_domain_and_channel() =>
        Text(Lifecycle(TimeSpan.FromSeconds(2)).CyTubeConnected("cytu.be", "420Grindhouse"), "kryten.lifecycle.robot.connected")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 2.0, "target": "CyTube", "domain": "cytu.be", "channel": "420Grindhouse"}""");

    [Fact]
    public void Ready_startup_carries_the_bridge_configuration() =>
        Text(Lifecycle(TimeSpan.FromMilliseconds(2731)).Ready("cytu.be", "420Grindhouse", commandsEnabled: true, healthEnabled: true), "kryten.lifecycle.robot.startup")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 2.731, "domain": "cytu.be", "channel": "420Grindhouse", "commands_enabled": true, "health_enabled": true}""");

    [Fact]
    public void Graceful_shutdown_says_disconnected_from_cytube_then_shutdown()
    {
        var lifecycle = Lifecycle(TimeSpan.FromSeconds(8100.5));

        Text(lifecycle.CyTubeDisconnected(), "kryten.lifecycle.robot.disconnected")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 8100.5, "target": "CyTube", "reason": "Graceful shutdown"}""");
        Text(lifecycle.ShutdownEvent(), "kryten.lifecycle.robot.shutdown")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 8100.5, "reason": "Normal shutdown"}""");
    }

    [Fact]
    public void Uptime_is_null_before_start_and_a_whole_second_timestamp_has_no_fraction() =>
        Text(new RobotLifecycle("server1", new ManualTime(new DateTimeOffset(2026, 8, 14, 18, 26, 7, TimeSpan.Zero))).StartupEvent(), "kryten.lifecycle.robot.startup")
            .ShouldBe("""{"service": "robot", "version": "1.12.4", "hostname": "server1", "timestamp": "2026-08-14T18:26:07+00:00", "uptime_seconds": null}""");

    [Theory]
    [InlineData("""{"initiator": "admin", "reason": "Config update", "delay_seconds": 10, "timestamp": "2026-08-14T18:25:43.511286+00:00"}""", 10.0)]
    [InlineData("{}", 5.0)]
    [InlineData("""{"delay_seconds": 2.5}""", 2.5)]
    [InlineData("""{"delay_seconds": -3}""", 0.0)]
    [InlineData("""{"delay_seconds": true}""", 1.0)]
    public void Group_restart_shuts_the_bridge_down_after_its_delay(string notice, double seconds) =>
        RobotLifecycle.RestartDelay(Encoding.UTF8.GetBytes(notice)).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("""{"delay_seconds": "5"}""")]
    [InlineData("""{"delay_seconds": null}""")]
    [InlineData("""{"delay_seconds": 1e400}""")]
    [InlineData("[]")]
    [InlineData("restart!")]
    public void Group_restart_the_bridge_callback_fails_on_changes_nothing(string notice) =>
        RobotLifecycle.RestartDelay(Encoding.UTF8.GetBytes(notice)).ShouldBeNull();

    // A lifecycle started `uptime` before At, asked at At.
    private static RobotLifecycle Lifecycle(TimeSpan uptime)
    {
        var time = new ManualTime(At - uptime);
        var lifecycle = new RobotLifecycle("server1", time);
        lifecycle.Start();
        time.Now = At;
        return lifecycle;
    }

    private static string Text(LifecycleMessage message, string subject)
    {
        message.Subject.ShouldBe(subject);
        return Encoding.ASCII.GetString(message.Body);
    }
}

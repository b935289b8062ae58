using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>
/// What a user's log shows while NATS cannot be reached, with the user's logger factory (which NATS.Net logs through
/// too) on real nats-server processes: one warning line per failed attempt, connect and reconnect alike, and stack
/// traces only at Debug.
/// </summary>
public sealed class ConnectionLoggingTests
{
    private const string NatsConnectionCategory = "NATS.Client.Core.NatsConnection";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KrytenOptions Options(string url)
    {
        var options = TestClients.Options("420Grindhouse");
        options.Nats.Servers = [url];
        options.Nats.ReconnectWait = TimeSpan.FromMilliseconds(50);
        options.Nats.MaxReconnectWait = TimeSpan.FromMilliseconds(100);
        options.Nats.ReconnectJitter = TimeSpan.Zero;
        return options;
    }

    private static string Dump(IEnumerable<CapturedLogEntry> entries) => "logged:\n" + string.Join("\n", entries);

    private static void NoStackTraceAboveDebug(IReadOnlyList<CapturedLogEntry> entries) =>
        entries.Where(e => e.Level > LogLevel.Debug && e.Exception is not null).ShouldBeEmpty(Dump(entries));

    [Fact]
    public async Task Each_failed_connect_attempt_is_one_warning_line_and_the_exception_is_logged_at_debug()
    {
        var logs = new CapturingLoggerFactory();
        var options = Options($"nats://127.0.0.1:{NatsServerProcess.FreePort()}");
        options.Nats.ConnectAttempts = 3;
        await using var client = new KrytenClient(options, logs);

        await Should.ThrowAsync<KrytenConnectionException>(async () => await client.ConnectAsync(Ct));

        var entries = logs.Entries;
        var warnings = entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        warnings.Count.ShouldBe(3, Dump(entries));
        warnings.ShouldAllBe(e => e.Level == LogLevel.Warning && !e.Message.Contains('\n'), Dump(entries));
        warnings.Select(e => e.Message).ShouldAllBe(m => m.Contains("no NATS server could be reached", StringComparison.Ordinal));
        NoStackTraceAboveDebug(entries);
        // NATS.Net's own report of each attempt, with the socket's exception, is still there for whoever looks at Debug.
        entries.Count(e => e.Level == LogLevel.Debug && e.Category == NatsConnectionCategory && e.Exception is not null).ShouldBe(3, Dump(entries));
    }

    [Fact]
    public async Task Each_failed_reconnect_attempt_is_one_warning_line_and_the_exception_is_logged_at_debug()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        var logs = new CapturingLoggerFactory();
        var options = Options(server.Url);
        options.Nats.MaxReconnectAttempts = 3;
        await using var client = new KrytenClient(options, logs);
        await client.ConnectAsync(Ct);
        var running = client.RunAsync(Ct);
        var before = logs.Entries.Count;

        await server.StopAsync();
        await Should.ThrowAsync<KrytenConnectionException>(running.WaitAsync(TimeSpan.FromSeconds(30), Ct));

        var entries = logs.Entries.Skip(before).ToList();
        var attempts = entries.Count(e => e.Level == LogLevel.Debug && e.Category == NatsConnectionCategory && e.Exception is not null
            && e.Message.StartsWith("Failed to connect NATS", StringComparison.Ordinal));
        attempts.ShouldBeGreaterThanOrEqualTo(3, Dump(entries));
        var warnings = entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Failed to connect NATS", StringComparison.Ordinal)).ToList();
        warnings.Count.ShouldBe(attempts, Dump(entries));
        warnings.ShouldAllBe(e => e.Category == NatsConnectionCategory && !e.Message.Contains('\n') && e.Message.Contains(server.Url, StringComparison.Ordinal), Dump(entries));
        // NATS.Net's line with the reason added as a property of its own, so structured logs keep Url and ReconnectCount.
        warnings.ShouldAllBe(e => e.Template == "Failed to connect NATS {Url} [{ReconnectCount}]: {Reason}" && e.Message.EndsWith(": Connection refused", StringComparison.Ordinal), Dump(entries));
        // Giving up is one error line that says which option to look at.
        entries.Where(e => e.Level >= LogLevel.Error).ShouldHaveSingleItem(Dump(entries)).Message
            .ShouldEndWith("the NATS connection gave up reconnecting (Maximum connection retry attempts exceeded); see nats.maxReconnectAttempts");
        NoStackTraceAboveDebug(entries);
    }
}

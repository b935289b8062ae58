using Kryten.Sdk.Transport;
using Kryten.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Transport;

/// <summary>The filter changes NATS.Net's connection-failure entries and nothing else (ConnectionLoggingTests shows them on a real server).</summary>
public sealed class NatsLogFilterTests
{
    private const string Reconnect = "Failed to connect NATS {Url} [{ReconnectCount}]";

    private static readonly Exception Refused = new System.Net.Sockets.SocketException(111);

    [Fact]
    public void Every_other_entry_passes_through_as_it_is()
    {
        var logs = new CapturingLoggerFactory();
        var filter = new NatsLogFilter(logs);
        var connection = filter.CreateLogger(typeof(NatsConnection).FullName!);

        connection.LogWarning(NatsLogEvents.Connection, Refused, "Ping timer error");                              // another template
        connection.LogWarning(NatsLogEvents.Subscription, Refused, Reconnect, "nats://a:4222", 1);                  // another event id
        filter.CreateLogger("NATS.Client.Core.Commands.CommandWriter").LogWarning(NatsLogEvents.Connection, Refused, Reconnect, "nats://a:4222", 1);   // another category
        connection.LogWarning(NatsLogEvents.Connection, Reconnect, "nats://a:4222", 1);                             // no exception: nothing to move
        connection.LogInformation(NatsLogEvents.Connection, "Reconnecting to NATS {Url} [{ReconnectCount}]", "nats://a:4222", 1);

        logs.Entries.Select(e => (e.Level, e.Exception is not null)).ShouldBe(
            [(LogLevel.Warning, true), (LogLevel.Warning, true), (LogLevel.Warning, true), (LogLevel.Warning, false), (LogLevel.Information, false)]);
        logs.Entries.Select(e => e.Template).ShouldBe(["Ping timer error", Reconnect, Reconnect, Reconnect, "Reconnecting to NATS {Url} [{ReconnectCount}]"]);
    }

    [Fact]
    public void A_failed_reconnect_attempt_is_one_line_with_its_reason_and_the_exception_goes_to_debug()
    {
        var logs = new CapturingLoggerFactory();
        var connection = new NatsLogFilter(logs).CreateLogger(typeof(NatsConnection).FullName!);

        connection.LogWarning(NatsLogEvents.Connection, Refused, Reconnect, "nats://a:4222", 3);

        logs.Entries.Select(e => (e.Level, e.EventId.Id, e.Message, e.Exception)).ShouldBe(
        [
            (LogLevel.Warning, 1001, "Failed to connect NATS nats://a:4222 [3]: Connection refused", null),
            (LogLevel.Debug, 1001, "Failed to connect NATS nats://a:4222 [3]", Refused),
        ]);
    }
}

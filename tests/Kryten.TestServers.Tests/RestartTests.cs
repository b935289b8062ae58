using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>
/// <see cref="NatsServerProcess.RestartAsync"/> with JetStream file storage: the server comes back on the same port
/// with the same store, and a NATS.Net connection that stayed open resumes on its own.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_restarted_server_keeps_its_streams_and_an_open_connection_receives_again_within_two_seconds()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var connection = new NatsConnection(QuickReconnect(server.Url));
        var events = new ConnectionEvents(connection);
        await events.ConnectAsync();
        var js = new NatsJSContext(connection);
        await js.CreateStreamAsync(new StreamConfig("KEPT", ["kept.>"]) { Storage = StreamConfigStorage.File }, Ct);
        for (var i = 1; i <= 3; i++) (await js.PublishAsync($"kept.{i}", $"m{i}", cancellationToken: Ct)).EnsureSuccess();
        await using var sub = await connection.SubscribeCoreAsync<byte[]>("restart.ping", cancellationToken: Ct);

        var stoppedAt = events.Now;
        await server.StopAsync();
        (await events.WaitForAsync(nameof(connection.ConnectionDisconnected), stoppedAt, Patience)).ShouldNotBeNull();
        connection.ConnectionState.ShouldBe(NatsConnectionState.Reconnecting);
        (await events.WaitForAsync(nameof(connection.ReconnectFailed), stoppedAt, Patience)).ShouldNotBeNull();

        await server.RestartAsync(Ct);
        var restartedAt = events.Now;
        await using var publisher = new NatsConnection(Opts(server.Url));
        await publisher.ConnectBoundedAsync();
        await ShouldReceiveAsync(publisher, sub, TimeSpan.FromSeconds(2) - (events.Now - restartedAt));

        // A message can arrive on the resubscribed subscription before NATS.Net reports the connection open (seen in
        // CI: the state still read Reconnecting), so the state is read once the opened event has come.
        var reopened = await events.WaitForAsync(nameof(connection.ConnectionOpened), restartedAt, Patience);
        reopened.ShouldNotBeNull().Message.ShouldBe(server.Url);
        connection.ConnectionState.ShouldBe(NatsConnectionState.Open);
        events.CollapsedNames().ShouldBe([
            nameof(connection.ConnectionOpened), nameof(connection.ConnectionDisconnected),
            nameof(connection.ReconnectFailed), nameof(connection.ConnectionOpened),
        ]);

        var stream = await js.GetStreamAsync("KEPT", cancellationToken: Ct);
        stream.Info.State.Messages.ShouldBe(3);
        stream.Info.State.LastSeq.ShouldBe(3UL);
    }
}

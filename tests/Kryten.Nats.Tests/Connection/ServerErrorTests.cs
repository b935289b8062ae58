using System.Collections.Concurrent;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class ServerErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Permissions_violation_is_reported_and_the_connection_stays_usable()
    {
        const string config = """
            authorization {
              users = [ { user: limited, password: "limited-pw", permissions: { publish: { deny: ["secret.>"] }, subscribe: { deny: ["hidden.>"] } } } ]
            }
            """;
        await using var server = await NatsServerProcess.StartAsync(config, cancellationToken: Ct);
        var errors = new ConcurrentQueue<string>();
        await using var nc = await TestConnections.ConnectAsync(server, o => o with { Username = "limited", Password = "limited-pw" });
        nc.ServerError += (_, e) => errors.Enqueue(e.Message);
        await nc.PublishAsync("secret.plans", "x"u8.ToArray(), cancellationToken: Ct);
        await nc.SubscribeAsync("hidden.stuff", cancellationToken: Ct);
        (await TestConnections.EventuallyAsync(() => errors.Count >= 2)).ShouldBeTrue();
        errors.ShouldContain(e => e.StartsWith("Permissions Violation for Publish to \"secret.plans\"", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Permissions Violation for Subscription to \"hidden.stuff\"", StringComparison.Ordinal));
        nc.State.ShouldBe(NatsConnectionState.Connected);
        await using var sub = await nc.SubscribeAsync("open", cancellationToken: Ct);
        await nc.PublishAsync("open", "fine"u8.ToArray(), cancellationToken: Ct);
        using var msg = await sub.NextAsync();
        msg.Data.Length.ShouldBe(4);
        nc.Statistics.Reconnects.ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_password_fails_connect_with_authorization_exception_without_the_secret()
    {
        await using var server = await NatsServerProcess.StartAsync("authorization { user: app, password: \"right-pw\" }", cancellationToken: Ct);
        await using var nc = new NatsConnection(TestConnections.Opts(server.Url) with { Username = "app", Password = "wrong-SECRET-pw" });
        var ex = await Should.ThrowAsync<NatsAuthorizationException>(async () => await nc.ConnectAsync(Ct));
        ex.Message.ShouldContain("Authorization Violation");
        ex.ToString().ShouldNotContain("wrong-SECRET-pw");
        nc.State.ShouldBe(NatsConnectionState.Closed);
        await using var ok = await TestConnections.ConnectAsync(server, o => o with { Username = "app", Password = "right-pw" });
        ok.State.ShouldBe(NatsConnectionState.Connected);
    }

    [Fact]
    public async Task Token_and_url_credentials_authenticate()
    {
        await using var tokenServer = await NatsServerProcess.StartAsync("authorization { token: \"s3cr3t-token\" }", cancellationToken: Ct);
        await using (var viaOpts = await TestConnections.ConnectAsync(tokenServer, o => o with { Token = "s3cr3t-token" }))
            viaOpts.State.ShouldBe(NatsConnectionState.Connected);
        await using (var viaUrl = new NatsConnection(TestConnections.Opts($"nats://s3cr3t-token@127.0.0.1:{tokenServer.Port}")))
        {
            await viaUrl.ConnectAsync(Ct);
            viaUrl.KnownServers.ShouldAllBe(s => !s.Contains("s3cr3t", StringComparison.Ordinal));
        }
        await using var userServer = await NatsServerProcess.StartAsync("authorization { user: u1, password: \"p@ss\" }", cancellationToken: Ct);
        await using var viaUserUrl = new NatsConnection(TestConnections.Opts($"nats://u1:p%40ss@127.0.0.1:{userServer.Port}"));
        await viaUserUrl.ConnectAsync(Ct);
        viaUserUrl.State.ShouldBe(NatsConnectionState.Connected);
    }
}

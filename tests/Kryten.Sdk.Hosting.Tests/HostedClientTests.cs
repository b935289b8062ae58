using System.Diagnostics;
using System.Text;
using Kryten.Sdk.Events;
using Kryten.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;
using NATS.Client.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Kryten.Sdk.Hosting.Tests;

/// <summary>A hosted bot against a real nats-server: handlers from DI, a shared connection, graceful stop, health, telemetry.</summary>
public sealed class HostedClientTests
{
    private const string Channel = "Lounge Test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] ChatEnvelope(string text) => Encoding.UTF8.GetBytes(
        $$"""{"event_name": "chatMsg", "payload": {"username": "alice", "msg": "{{text}}", "meta": {}, "time": 1786731943510}, "channel": "{{Channel}}", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": "{{Guid.NewGuid()}}"}""");

    private static HostApplicationBuilder Builder(string natsUrl, Action<KrytenOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.AddKryten(o =>
        {
            o.Nats.Servers = [natsUrl];
            o.Channels = [new KrytenChannelOptions { Domain = "cytu.be", Channel = Channel }];
            o.Chat.Pacing = false;
            configure?.Invoke(o);
        }).AddHandlers<PingHandlers>();
        builder.Services.AddSingleton<PingLog>();
        return builder;
    }

    private static async Task<NatsConnection> BridgeAsync(string url)
    {
        var bridge = new NatsConnection(new NatsOpts { Url = url });
        await bridge.ConnectAsync();
        return bridge;
    }

    [Fact]
    public async Task A_hosted_bot_gets_its_handlers_from_DI_and_shares_the_applications_NATS_connection()
    {
        await using var server = await NatsServerProcess.StartAsync(monitor: true, cancellationToken: Ct);
        var builder = Builder("nats://127.0.0.1:1");   // never used: the application's connection is shared
        builder.Services.AddNats(configureOpts: o => o with { Url = server.Url, Name = "the-app" });
        using var host = builder.Build();
        await using var bridge = await BridgeAsync(server.Url);
        await using var commands = await bridge.SubscribeCoreAsync<byte[]>(KrytenWire.CommandSubject, cancellationToken: Ct);
        await bridge.PingAsync(Ct);

        await host.StartAsync(Ct);
        await bridge.PublishAsync("kryten.events.cytube.lounge-test.chatmsg", ChatEnvelope("!ping"), cancellationToken: Ct);
        var say = await commands.Msgs.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Encoding.UTF8.GetString(say.Data!).ShouldContain("\"message\":\"pong\"");
        host.Services.GetRequiredService<PingLog>().Seen.ShouldBe(["alice"]);
        using var http = new HttpClient();
        var connz = await http.GetStringAsync($"{server.MonitorUrl}/connz", Ct);
        connz.ShouldContain("\"num_connections\": 2");   // the bridge stand-in and the application's one connection
        connz.ShouldContain("\"name\": \"the-app\"");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Stopping_the_host_sends_queued_chat_then_closes_the_client()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        using var host = Builder(server.Url, o => { o.Chat.Pacing = true; o.Chat.Burst = 1; o.Chat.Sustained = 10; }).Build();
        await using var bridge = await BridgeAsync(server.Url);
        await using var commands = await bridge.SubscribeCoreAsync<byte[]>(KrytenWire.CommandSubject, cancellationToken: Ct);
        await bridge.PingAsync(Ct);
        await host.StartAsync(Ct);
        var client = host.Services.GetRequiredService<KrytenClient>();
        for (var i = 0; i < 5; i++) await client.SayAsync("bye " + i, cancellationToken: Ct);

        await host.StopAsync(Ct);

        client.State.ShouldBe(KrytenConnectionState.Closed);
        client.Health().ChatNotSent.ShouldBe(0);
        for (var i = 0; i < 5; i++)
        {
            var msg = await commands.Msgs.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
            Encoding.UTF8.GetString(msg.Data!).ShouldContain($"\"message\":\"bye {i}\"");
        }
    }

    [Fact]
    public async Task The_health_check_follows_the_real_connection()
    {
        await using var server = await NatsServerProcess.StartAsync(port: NatsServerProcess.FreePort(), cancellationToken: Ct);
        // Robot state off: this test is about the connection (a server without JetStream would make it degraded).
        var builder = Builder(server.Url, o => { o.Nats.ReconnectWait = TimeSpan.FromMilliseconds(100); o.State.Enabled = false; });
        builder.Services.AddHealthChecks().AddKryten(tags: ["ready"]);
        using var host = builder.Build();
        var checks = host.Services.GetRequiredService<HealthCheckService>();

        (await checks.CheckHealthAsync(Ct)).Status.ShouldBe(HealthStatus.Unhealthy);   // not started: disconnected
        await host.StartAsync(Ct);
        var healthy = await checks.CheckHealthAsync(Ct);
        healthy.Status.ShouldBe(HealthStatus.Healthy);
        healthy.Entries["kryten"].Data["channels_subscribed"].ShouldBe(1);

        await server.StopAsync();
        var client = host.Services.GetRequiredService<KrytenClient>();
        for (var i = 0; i < 200 && client.State != KrytenConnectionState.Reconnecting; i++) await Task.Delay(50, Ct);
        (await checks.CheckHealthAsync(Ct)).Status.ShouldBe(HealthStatus.Degraded);

        await server.RestartAsync(Ct);
        for (var i = 0; i < 200 && client.State != KrytenConnectionState.Connected; i++) await Task.Delay(50, Ct);
        (await checks.CheckHealthAsync(Ct)).Status.ShouldBe(HealthStatus.Healthy);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task The_health_check_is_degraded_when_the_bridge_said_goodbye_or_JetStream_is_missing()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        var builder = Builder(server.Url);
        builder.Services.AddHealthChecks().AddKryten();
        using var host = builder.Build();
        var checks = host.Services.GetRequiredService<HealthCheckService>();
        await host.StartAsync(Ct);
        await host.Services.GetRequiredService<KrytenClient>().ChannelState(Channel).WhenLoadedAsync(Ct);
        var healthy = (await checks.CheckHealthAsync(Ct)).Entries["kryten"];
        healthy.Status.ShouldBe(HealthStatus.Healthy);
        (healthy.Data["bridge"], healthy.Data["jetstream_available"]).ShouldBe(("Unknown", true));

        await using var bridge = await BridgeAsync(server.Url);
        await bridge.PublishAsync("kryten.lifecycle.robot.shutdown",
            """{"service": "robot", "version": "1.12.4", "hostname": "h", "timestamp": "2026-08-14T18:25:43.511286+00:00", "uptime_seconds": 9.5, "reason": "Normal shutdown"}"""u8.ToArray(),
            cancellationToken: Ct);
        var client = host.Services.GetRequiredService<KrytenClient>();
        for (var i = 0; i < 200 && client.Health().Bridge.Status != KrytenBridgeStatus.Stopped; i++) await Task.Delay(20, Ct);
        var degraded = (await checks.CheckHealthAsync(Ct)).Entries["kryten"];
        degraded.Status.ShouldBe(HealthStatus.Degraded);
        degraded.Description.ShouldBe("connected, but the bridge announced robot.shutdown");
        await host.StopAsync(Ct);

        await using var plain = await NatsServerProcess.StartAsync(cancellationToken: Ct);   // no JetStream
        // A channel whose name can be a bucket's ("Lounge Test" cannot: its state is absent without asking JetStream).
        var noJetStream = Builder(plain.Url, o => o.Channels = [new KrytenChannelOptions { Domain = "cytu.be", Channel = "Lounge" }]);
        noJetStream.Services.AddHealthChecks().AddKryten();
        using var second = noJetStream.Build();
        await second.StartAsync(Ct);
        await second.Services.GetRequiredService<KrytenClient>().ChannelState("Lounge").WhenLoadedAsync(Ct);
        var withoutJetStream = (await second.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct)).Entries["kryten"];
        withoutJetStream.Status.ShouldBe(HealthStatus.Degraded);
        withoutJetStream.Description.ShouldBe("connected, but JetStream is unavailable, so the robot state is not read");
        await second.StopAsync(Ct);
    }

    [Fact]
    public async Task Losing_the_connection_for_good_stops_the_application()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        using var host = Builder(server.Url, o => { o.Nats.MaxReconnectAttempts = 1; o.Nats.ReconnectWait = TimeSpan.FromMilliseconds(50); }).Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await host.StartAsync(Ct);

        await server.StopAsync();

        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task OpenTelemetry_records_the_dispatch_and_command_spans_as_one_trace()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        var spans = new List<Activity>();
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddKrytenInstrumentation().AddInMemoryExporter(spans).Build();
        using var host = Builder(server.Url).Build();
        await using var bridge = await BridgeAsync(server.Url);
        await using var commands = await bridge.SubscribeCoreAsync<byte[]>(KrytenWire.CommandSubject, cancellationToken: Ct);
        await bridge.PingAsync(Ct);
        await host.StartAsync(Ct);

        await bridge.PublishAsync("kryten.events.cytube.lounge-test.chatmsg", ChatEnvelope("!ping"), cancellationToken: Ct);
        await commands.Msgs.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await host.StopAsync(Ct);
        tracing!.ForceFlush();

        Activity[] recorded;
        lock (spans) recorded = [.. spans];
        var dispatch = recorded.Single(a => a.OperationName == "kryten.dispatch");
        var command = recorded.Single(a => a.OperationName == "kryten.command");
        command.ParentSpanId.ShouldBe(dispatch.SpanId);
    }
}

/// <summary>Resolved from DI with its dependency.</summary>
public sealed partial class PingHandlers(PingLog log)
{
    [KrytenHandler]
    public async Task OnChat(ChatMessage message, EventContext context, CancellationToken cancellationToken)
    {
        if (ChatText.ToPlainText(message.Msg) != "!ping") return;
        log.Seen.Add(message.Username);
        await context.Commands.SayAsync("pong", cancellationToken: cancellationToken);
    }
}

public sealed class PingLog
{
    public List<string> Seen { get; } = [];
}

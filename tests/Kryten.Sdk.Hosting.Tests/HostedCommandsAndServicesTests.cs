using System.Text;
using Kryten.Sdk.ChatCommands;
using Kryten.Sdk.Hosting.Tests.Services;
using Kryten.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;

namespace Kryten.Sdk.Hosting.Tests;

/// <summary>Chat command classes and generated services registered from DI, against a real nats-server.</summary>
public sealed class HostedCommandsAndServicesTests
{
    private const string Channel = "Lounge Test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Live chat (time now): chat commands ignore the replayed backlog, older than the client's connect.
    private static byte[] ChatEnvelope(string text) => Encoding.UTF8.GetBytes(
        $$"""{"event_name": "chatMsg", "payload": {"username": "alice", "msg": "{{text}}", "meta": {}, "time": {{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}, "channel": "{{Channel}}", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.511286+00:00", "correlation_id": "{{Guid.NewGuid()}}"}""");

    private static IKrytenBuilder Builder(string natsUrl, out HostApplicationBuilder builder)
    {
        builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        return builder.AddKryten(o =>
        {
            o.Nats.Servers = [natsUrl];
            o.Channels = [new KrytenChannelOptions { Domain = "cytu.be", Channel = Channel }];
            o.Chat.Pacing = false;
            o.State.Enabled = false;
        });
    }

    private static async Task<KrytenClient> CallerAsync(string natsUrl)
    {
        var options = new KrytenOptions();
        options.Nats.Servers = [natsUrl];
        options.State.Enabled = false;
        var caller = new KrytenClient(options);
        await caller.ConnectAsync(Ct);
        return caller;
    }

    [Fact]
    public async Task A_hosted_chat_command_class_from_DI_answers_with_its_configured_prefix()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        Builder(server.Url, out var builder).AddChatCommands<EchoCommands>(o => o.Prefix = "?");
        builder.Services.AddSingleton(new EchoSuffix("!"));
        using var host = builder.Build();
        await using var bridge = new NatsConnection(new NatsOpts { Url = server.Url });
        await using var commands = await bridge.SubscribeCoreAsync<byte[]>(KrytenWire.CommandSubject, cancellationToken: Ct);
        await bridge.PingAsync(Ct);
        await host.StartAsync(Ct);

        await bridge.PublishAsync("kryten.events.cytube.lounge-test.chatmsg", ChatEnvelope("!echo ignored"), cancellationToken: Ct);
        await bridge.PublishAsync("kryten.events.cytube.lounge-test.chatmsg", ChatEnvelope("?echo hi there"), cancellationToken: Ct);
        var say = await commands.Msgs.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Encoding.UTF8.GetString(say.Data!).ShouldContain("\"message\":\"hi there!\"");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_hosted_service_answers_its_generated_client_and_stops_serving_with_the_host()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        Builder(server.Url, out var builder).AddService<IGreeterService, Greeter>(GreeterServiceHost.Definition, o => o.Version = "2.1.0");
        builder.Services.AddSingleton<GreeterGate>();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        await using var caller = await CallerAsync(server.Url);
        var greeter = new GreeterClient(caller, TimeSpan.FromSeconds(10));
        host.Services.GetRequiredService<GreeterGate>().Open.SetResult();

        (await greeter.SayAsync("alice", cancellationToken: Ct)).Text.ShouldBe("hello alice");
        (await greeter.GetHealthAsync(cancellationToken: Ct)).Version.ShouldBe("2.1.0");

        await host.StopAsync(Ct);
        await Should.ThrowAsync<KrytenNoRespondersException>(() => greeter.SayAsync("bob", cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task Stopping_the_host_lets_a_request_in_flight_finish_before_the_client_stops()
    {
        await using var server = await NatsServerProcess.StartAsync(cancellationToken: Ct);
        Builder(server.Url, out var builder).AddService<IGreeterService, Greeter>(GreeterServiceHost.Definition);
        builder.Services.AddSingleton<GreeterGate>();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        await using var caller = await CallerAsync(server.Url);
        var gate = host.Services.GetRequiredService<GreeterGate>();
        var reply = new GreeterClient(caller, TimeSpan.FromSeconds(20)).SayAsync("carol", cancellationToken: Ct).AsTask();
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var stopping = host.StopAsync(Ct);
        gate.Open.SetResult();
        await stopping;

        (await reply).Text.ShouldBe("hello carol");
        host.Services.GetRequiredService<KrytenClient>().State.ShouldBe(KrytenConnectionState.Closed);
    }
}

/// <summary>Resolved from DI with its dependency.</summary>
public sealed partial class EchoCommands(EchoSuffix suffix)
{
    [ChatCommand("echo")]
    public Task Echo(ChatCommandContext ctx, [Remainder] string text, CancellationToken cancellationToken = default) =>
        ctx.ReplyAsync(text + suffix.Text, cancellationToken).AsTask();
}

public sealed record EchoSuffix(string Text);

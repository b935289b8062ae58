using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kryten.Sdk.Hosting.Tests;

/// <summary>Options come from the host's configuration through the SDK's own binder: the same keys and formats as kryten.yaml.</summary>
public sealed class ConfigurationTests
{
    private static HostApplicationBuilder Builder(string appsettings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettings)));
        return builder;
    }

    [Fact]
    public void The_Kryten_section_binds_and_its_lists_replace_the_defaults()
    {
        var builder = Builder("""
            {
              "Kryten": {
                "nats": { "servers": [ "nats://10.1.2.3:4222", "nats://10.1.2.4:4222" ], "reconnectWait": "500ms" },
                "channels": [ { "domain": "cytu.be", "channel": "Lounge Test" } ],
                "serviceName": "hosted-bot",
                "handlerTimeout": "5s",
                "chat": { "burst": 2, "sustained": 0.5 }
              }
            }
            """);
        builder.AddKryten();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<KrytenOptions>();

        options.Nats.Servers.ShouldBe(["nats://10.1.2.3:4222", "nats://10.1.2.4:4222"]);   // not appended to nats://127.0.0.1:4222
        options.Nats.ReconnectWait.ShouldBe(TimeSpan.FromMilliseconds(500));
        options.Channels.ShouldHaveSingleItem().Channel.ShouldBe("Lounge Test");
        options.ServiceName.ShouldBe("hosted-bot");
        options.HandlerTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.Chat.Burst.ShouldBe(2);
        options.Chat.Sustained.ShouldBe(0.5);
    }

    [Fact]
    public void Environment_variables_override_the_file_like_any_configuration_source()
    {
        var builder = Builder("""{ "Kryten": { "nats": { "servers": [ "nats://file:4222" ] } } }""");
        builder.Configuration.AddInMemoryCollection([new("Kryten:nats:servers:0", "nats://env:4222")]);
        builder.AddKryten(o => o.ServiceName = "from-code");
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<KrytenOptions>();
        options.Nats.Servers.ShouldBe(["nats://env:4222"]);
        options.ServiceName.ShouldBe("from-code");
    }

    [Fact]
    public async Task Invalid_options_fail_the_host_start_with_every_problem_listed()
    {
        var builder = Builder("""
            {
              "Kryten": {
                "nats": { "servers": [ "nats://host:notaport" ], "connectAttempts": 0 },
                "handlerTimeout": "soon",
                "chat": { "burst": 0 },
                "colour": "blue"
              }
            }
            """);
        builder.AddKryten();
        using var host = builder.Build();

        var e = await Should.ThrowAsync<KrytenConfigurationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        e.Problems.ShouldContain(p => p.StartsWith("nats.servers[0]:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("nats.connectAttempts:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("handlerTimeout:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("chat.burst:", StringComparison.Ordinal));
        e.Problems.ShouldContain(p => p.StartsWith("colour:", StringComparison.Ordinal));
    }
}

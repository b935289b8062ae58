using Kryten.Sdk;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Transport;

namespace Kryten.Sdk.Tests.Support;

public static class TestClients
{
    public static KrytenOptions Options(params string[] channels) => new()
    {
        Channels = channels.Select(c => new KrytenChannelOptions { Domain = "cytu.be", Channel = c }).ToList(),
        ServiceName = "kryten-sdk-tests",
        Chat = new KrytenChatOptions { Pacing = false },
        Retry = new KrytenRetryOptions { Attempts = 2, Delay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        Nats = new KrytenNatsOptions { ReconnectWait = TimeSpan.FromMilliseconds(10) },
    };

    /// <summary>A connected client on a fresh bus.</summary>
    public static async Task<(KrytenClient Client, InMemoryKrytenBus Bus)> StartAsync(KrytenOptions? options = null, TimeProvider? time = null)
    {
        var bus = new InMemoryKrytenBus();
        var client = Create(options ?? Options("420Grindhouse"), bus, time);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        return (client, bus);
    }

    /// <summary>Waits until the client's queued chat has been sent.</summary>
    public static Task ChatSentAsync(this KrytenClient client) => client.WhenChatSentAsync(TimeSpan.FromSeconds(10));

    public static KrytenClient Create(KrytenOptions options, IKrytenTransport transport, TimeProvider? time = null, Func<string, string?>? environment = null) =>
        new(options, (_, _) => transport, null, time ?? TimeProvider.System, environment ?? (_ => null));
}

using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Benchmarks;

/// <summary>(iii) A <see cref="KrytenClient"/> on its own connection with one typed handler, <c>On&lt;ChatMessage&gt;</c>.</summary>
internal sealed class SdkConsumer : DispatchConsumer
{
    private readonly KrytenClient _client;
    private readonly IDisposable _handler;

    private SdkConsumer(string subject, KrytenClient client) : base("SDK typed dispatch", subject)
    {
        _client = client;
        _handler = client.On<ChatMessage>((_, _, _) =>
        {
            Count();
            return Task.CompletedTask;
        });
    }

    public static async Task<SdkConsumer> StartAsync(string url)
    {
        var options = new KrytenOptions
        {
            Nats = { Servers = [url], Name = "bench-sdk" },
            Channels = [new KrytenChannelOptions { Channel = BridgeTraffic.Channel, Domain = BridgeTraffic.Domain }],
        };
        var client = new KrytenClient(options);
        var consumer = new SdkConsumer(KrytenSubjects.EventSubject(options.Subjects.EventPrefix, BridgeTraffic.Channel, ChatMessage.CytubeEventName), client);
        await client.ConnectAsync().ConfigureAwait(false);
        return consumer;
    }

    /// <summary>Malformed, dropped events and handler errors so far (all must stay 0).</summary>
    public override string? Problems()
    {
        var health = _client.Health();
        return health.EventsMalformed + health.EventsDropped + health.HandlerErrors > 0 ? health.ToString() : null;
    }

    public override async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

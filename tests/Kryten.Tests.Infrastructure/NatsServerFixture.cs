using Xunit;

namespace Kryten.Tests.Infrastructure;

/// <summary>xunit class/collection fixture: one plain nats-server (JetStream on) for a test class.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private NatsServerProcess? _server;

    public NatsServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public string Url => Server.Url;

    public async ValueTask InitializeAsync() => _server = await NatsServerProcess.StartAsync(jetStream: true).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}

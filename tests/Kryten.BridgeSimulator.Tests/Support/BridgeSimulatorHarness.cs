using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Xunit;

namespace Kryten.BridgeSimulator.Tests.Support;

/// <summary>A real nats-server per test class, a session file to replay, and the bridge simulator running over both.</summary>
public abstract class BridgeSimulatorHarness : IAsyncLifetime
{
    private readonly string _sessionFile = Path.GetTempFileName();

    protected NatsServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await NatsServerProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(_sessionFile);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the session (one <c>{"after_ms", "event", "payload"}</c> line per event) the bridge replays.</summary>
    protected Task WriteSessionAsync(string[] lines, CancellationToken cancellationToken) =>
        File.WriteAllLinesAsync(_sessionFile, lines, cancellationToken);

    /// <summary>A NATS.Net connection to the server, the peer a bot or tool beside the bridge would be.</summary>
    protected async Task<NatsConnection> ConnectPeerAsync()
    {
        var peer = new NatsConnection(new NatsOpts { Url = Server.Url });
        await peer.ConnectAsync();
        return peer;
    }

    /// <summary>Subscribes and waits until the server has the subscription, so nothing the bridge publishes next is missed.</summary>
    protected static async Task<INatsSub<byte[]>> SubscribeAsync(NatsConnection peer, string subject, CancellationToken cancellationToken)
    {
        var subscription = await peer.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken);
        await peer.PingAsync(cancellationToken);
        return subscription;
    }

    /// <summary>Starts the simulator for one channel as the bot "KrytenBot"; disposing it stops it and waits.</summary>
    protected RunningBridge StartBridge(string channel, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new SimulatedBridge(new BridgeSettings(Server.Url, "cytu.be", channel, "KrytenBot", _sessionFile, 1, false, null), TextWriter.Null)
            .RunAsync(stop.Token);
        return new RunningBridge(stop, run);
    }

    protected sealed class RunningBridge(CancellationTokenSource stop, Task run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
    }
}

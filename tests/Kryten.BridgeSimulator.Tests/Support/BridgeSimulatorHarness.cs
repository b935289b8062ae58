using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Xunit;

namespace Kryten.BridgeSimulator.Tests.Support;

/// <summary>A real nats-server per test class, a session file to replay, and the bridge simulator running over both.</summary>
public abstract class BridgeSimulatorHarness : IAsyncLifetime
{
    private readonly string _sessionFile = Path.GetTempFileName();

    protected NatsServerProcess Server { get; private set; } = null!;

    /// <summary>Whether the server runs JetStream, as the bridge's deployments do (so it keeps its KV buckets).</summary>
    protected virtual bool JetStream => true;

    public async ValueTask InitializeAsync() => Server = await NatsServerProcess.StartAsync(jetStream: JetStream);

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

    /// <summary>
    /// Starts the simulator for one channel as the bot "KrytenBot"; disposing it shuts it down gracefully and waits.
    /// The session file is read at every (re)start, so a test can write another session before a restart.
    /// </summary>
    protected RunningBridge StartBridge(string channel, CancellationToken cancellationToken) =>
        new(() => new SimulatedBridge(new BridgeSettings(Server.Url, "cytu.be", channel, "KrytenBot", _sessionFile, 1, false, null), TextWriter.Null),
            cancellationToken);

    /// <summary>
    /// A running simulated bridge. A restart is a new bridge process: it announces itself again, its registry and its
    /// simulated channel start empty, it binds the KV buckets the last run left and replays the session from the start.
    /// </summary>
    protected sealed class RunningBridge : IAsyncDisposable
    {
        private readonly Func<SimulatedBridge> _create;
        private readonly CancellationToken _cancellationToken;
        private CancellationTokenSource _shutdown = null!;
        private CancellationTokenSource _crash = null!;
        private bool _running;

        internal RunningBridge(Func<SimulatedBridge> create, CancellationToken cancellationToken)
        {
            (_create, _cancellationToken) = (create, cancellationToken);
            Start();
        }

        /// <summary>The current run; it ends by itself after <c>system.shutdown</c> or a group restart notice.</summary>
        public Task Run { get; private set; } = Task.CompletedTask;

        /// <summary>Stops the bridge: gracefully (<c>disconnected</c> and <c>shutdown</c> published), or as a kill does.</summary>
        public async Task StopAsync(bool graceful = true)
        {
            if (!_running) return;
            _running = false;
            await (graceful ? _shutdown : _crash).CancelAsync();
            await Run;
            _shutdown.Dispose();
            _crash.Dispose();
        }

        /// <summary>Stops the bridge (see <see cref="StopAsync"/>) and starts a new one, as systemd restarts the bridge.</summary>
        public async Task RestartAsync(bool graceful = true)
        {
            await StopAsync(graceful);
            Start();
        }

        public async ValueTask DisposeAsync() => await StopAsync();

        private void Start()
        {
            _shutdown = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
            _crash = new CancellationTokenSource();
            Run = _create().RunAsync(_shutdown.Token, _crash.Token);
            _running = true;
        }
    }
}

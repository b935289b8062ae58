using Kryten.Tests.Infrastructure;
using Xunit;

namespace Kryten.Cli.Tests;

/// <summary>
/// A real nats-server with JetStream and <c>kryten simulate</c> for the channel <see cref="Channel"/>, replaying its
/// recorded session in a loop; shared by the tests of a class. Ready once the simulator has written the channel's state.
/// </summary>
public sealed class SimulatedChannel : IAsyncLifetime
{
    public const string Channel = "lobby";

    private KrytenProcess? _simulator;

    public NatsServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await NatsServerProcess.StartAsync(jetStream: true);
        _simulator = KrytenProcess.Start("simulate", "--nats", Server.Url, "--channel", Channel, "--speed", "4", "--loop");
        await _simulator.WaitForLineAsync("kv kryten_lobby_playlist current", TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    /// <summary>Runs kryten with the connection to this channel's server.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        KrytenProcess.RunAsync(TestContext.Current.CancellationToken, [.. args, "--nats", Server.Url]);
}

using System.Collections.Concurrent;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Tests.Lifecycle;

/// <summary>A bot that resyncs when the bridge comes back: [KrytenHandler] methods taking the robot's lifecycle records.</summary>
public sealed partial class RobotWatcher
{
    public ConcurrentQueue<string> Seen { get; } = new();

    [KrytenHandler]
    public Task OnStartup(RobotStartup startup, EventContext ctx)
    {
        Seen.Enqueue($"startup:{startup.Version}:ready={startup.IsReady}:{ctx.Channel}:{ctx.EventName}");
        return Task.CompletedTask;
    }

    [KrytenHandler(Channel = "420grindhouse")]
    public ValueTask OnCytubeConnected(RobotConnected connected, EventContext ctx, CancellationToken ct)
    {
        Seen.Enqueue($"connected:{connected.Target}:reconnect={connected.IsReconnect}:{connected.Note}:{ctx.Domain}");
        return ValueTask.CompletedTask;
    }

    [KrytenHandler]
    public Task OnShutdown(RobotShutdown shutdown)
    {
        Seen.Enqueue($"shutdown:{shutdown.Reason}:{shutdown.UptimeSeconds}");
        return Task.CompletedTask;
    }
}

using System.Text.Json;

namespace Kryten.BridgeSimulator.State;

/// <summary>
/// The bridge's state manager at work: each CyTube event changes <see cref="Channel"/> and its KV writes are made in
/// event order, one event at a time (the replay and the command loop both feed it). Writes come before the event is
/// published, so a bot that sees an event finds the buckets already changed.
/// </summary>
internal sealed class StateManager(string channel, StateStore store) : IDisposable
{
    private readonly SemaphoreSlim _order = new(1, 1);

    public ChannelState Channel { get; } = new();

    /// <param name="eventName">The Socket.IO event name.</param>
    /// <param name="payload">The payload as CyTube sent it (kept: a clone).</param>
    /// <param name="cancellationToken">Stops waiting for an earlier event's writes.</param>
    public async Task ApplyAsync(string eventName, JsonElement payload, CancellationToken cancellationToken)
    {
        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var write in Channel.Apply(eventName, payload)) await store.PutAsync(channel, write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _order.Release();
        }
    }

    public void Dispose() => _order.Dispose();
}

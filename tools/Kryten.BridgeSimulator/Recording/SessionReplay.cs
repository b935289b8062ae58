namespace Kryten.BridgeSimulator.Recording;

/// <summary>
/// Plays a recorded session back at its recorded pace: each event after its <c>after_ms</c> pause, divided by
/// <paramref name="speed"/>, and with <paramref name="loop"/> from the start again until cancelled.
/// </summary>
internal sealed class SessionReplay(IReadOnlyList<RecordedEvent> session, double speed, bool loop)
{
    public int Count => session.Count;

    public async Task RunAsync(Func<RecordedEvent, CancellationToken, Task> play, CancellationToken cancellationToken)
    {
        do
        {
            foreach (var recorded in session)
            {
                if (recorded.AfterMs > 0)
                    await Task.Delay(TimeSpan.FromMilliseconds(recorded.AfterMs / speed), cancellationToken).ConfigureAwait(false);
                await play(recorded, cancellationToken).ConfigureAwait(false);
            }
        }
        while (loop);
    }
}

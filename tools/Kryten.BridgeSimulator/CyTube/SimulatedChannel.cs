using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>
/// What the simulated CyTube channel knows, kept in step with the recording and changed by the bot's commands. The
/// replay and the command responder run concurrently, so every access goes through one lock.
/// </summary>
internal sealed class SimulatedChannel
{
    private readonly object _gate = new();

    public SimulatedChannel(string channel, TimeProvider time)
    {
        Library = new SimulatedLibrary(channel);
        Playlist = new SimulatedPlaylist(Library);
        Roster = new SimulatedRoster(channel);
        Bans = new SimulatedBanlist();
        Poll = new SimulatedPoll(time);
        Customization = new SimulatedCustomization();
        Log = new SimulatedChannelLog(time);
    }

    public SimulatedLibrary Library { get; }

    public SimulatedPlaylist Playlist { get; }

    public SimulatedRoster Roster { get; }

    public SimulatedBanlist Bans { get; }

    public SimulatedPoll Poll { get; }

    public SimulatedCustomization Customization { get; }

    public SimulatedChannelLog Log { get; }

    public void Observe(RecordedEvent recorded)
    {
        lock (_gate)
        {
            Playlist.Observe(recorded);
            Roster.Observe(recorded);
            Bans.Observe(recorded);
            Poll.Observe(recorded);
            Customization.Observe(recorded);
            Log.Observe(recorded);
        }
    }

    /// <summary>Runs one command against the channel without a recorded event changing it halfway.</summary>
    public T Exclusive<T>(Func<T> action)
    {
        lock (_gate) return action();
    }
}

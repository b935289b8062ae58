namespace Kryten.BridgeSimulator;

/// <summary>
/// The counters <c>system.stats</c> reports: requests the robot handler received (every message, counted first), and
/// what the connection published (events and replies).
/// </summary>
internal sealed class BridgeCounters
{
    private long _commandsProcessed;
    private long _messagesPublished;
    private long _bytesSent;

    public long CommandsProcessed => Interlocked.Read(ref _commandsProcessed);

    public long MessagesPublished => Interlocked.Read(ref _messagesPublished);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public void CommandReceived() => Interlocked.Increment(ref _commandsProcessed);

    public void Published(int bytes)
    {
        Interlocked.Increment(ref _messagesPublished);
        Interlocked.Add(ref _bytesSent, bytes);
    }
}

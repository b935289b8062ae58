using System.Diagnostics;
using NATS.Client.Core;
using Shouldly;

namespace Kryten.TestServers.Tests;

/// <summary>One connection event as observed: which, its message (NATS.Net puts the server URL there), and when.</summary>
internal sealed record ObservedEvent(string Name, string Message, TimeSpan At);

/// <summary>
/// Records a connection's ConnectionOpened, ConnectionDisconnected and ReconnectFailed events with a timestamp from
/// one clock, so tests can check their order and time an outage. NATS.Net raises them from its own event loop, after
/// the state has changed.
/// </summary>
internal sealed class ConnectionEvents
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ObservedEvent> _events = [];
    private readonly NatsConnection _connection;

    public ConnectionEvents(NatsConnection connection)
    {
        _connection = connection;
        connection.ConnectionOpened += (_, e) => Record(nameof(connection.ConnectionOpened), e);
        connection.ConnectionDisconnected += (_, e) => Record(nameof(connection.ConnectionDisconnected), e);
        connection.ReconnectFailed += (_, e) => Record(nameof(connection.ReconnectFailed), e);
    }

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>
    /// Connects and waits until the first ConnectionOpened is recorded: the event arrives after ConnectAsync returns,
    /// and a test that timed an outage from then on would take the late event for the reconnect.
    /// </summary>
    public async Task ConnectAsync()
    {
        await _connection.ConnectBoundedAsync();
        (await WaitForAsync(nameof(_connection.ConnectionOpened), TimeSpan.Zero, NatsTestClient.Patience))
            .ShouldNotBeNull("ConnectionOpened was not raised after the connect");
    }

    public IReadOnlyList<ObservedEvent> Snapshot()
    {
        lock (_events) return _events.ToList();
    }

    /// <summary>The event names in order, with runs of the same name collapsed (reconnect attempts repeat).</summary>
    public IReadOnlyList<string> CollapsedNames()
    {
        var names = new List<string>();
        foreach (var e in Snapshot())
        {
            if (names.Count == 0 || names[^1] != e.Name) names.Add(e.Name);
        }

        return names;
    }

    /// <summary>The first <paramref name="name"/> event at or after <paramref name="since"/>, waiting up to <paramref name="within"/>.</summary>
    public async Task<ObservedEvent?> WaitForAsync(string name, TimeSpan since, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var found = Snapshot().FirstOrDefault(e => e.Name == name && e.At >= since);
            if (found is not null || DateTime.UtcNow >= deadline) return found;
            await Task.Delay(10, NatsTestClient.Ct);
        }
    }

    private ValueTask Record(string name, NatsEventArgs args)
    {
        lock (_events) _events.Add(new ObservedEvent(name, args.Message, _clock.Elapsed));
        return ValueTask.CompletedTask;
    }
}

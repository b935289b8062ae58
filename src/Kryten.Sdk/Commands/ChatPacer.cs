using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Commands;

/// <summary>
/// Hands each chat message or PM to its channel's <see cref="ChatLane"/> (made on first use), so sending returns once
/// the message is queued and channels are paced apart. <see cref="DrainAsync"/> sends what is queued, then stops.
/// </summary>
internal sealed class ChatPacer(KrytenChatOptions options, KrytenMetrics metrics, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<(string Domain, string Channel), ChatLane> _lanes = [];
    private bool _stopped;

    /// <summary>Messages queued or being sent, over every channel.</summary>
    public int Pending
    {
        get
        {
            lock (_lanes) return _lanes.Values.Sum(l => l.Pending);
        }
    }

    /// <summary>Queues <paramref name="chat"/> for its channel; waits only while that channel's queue is full.</summary>
    public ValueTask EnqueueAsync(string channel, string domain, QueuedChat chat, CancellationToken cancellationToken)
    {
        ChatLane? lane;
        lock (_lanes)
        {
            if (_stopped) throw Stopped();
            var key = (domain, KrytenSubjects.Normalize(channel));
            if (!_lanes.TryGetValue(key, out lane)) _lanes[key] = lane = new ChatLane(channel, options, metrics, logger);
        }
        return lane.EnqueueAsync(chat, cancellationToken);
    }

    /// <summary>Waits until every queued message has been sent or given up (the testing package settles on it).</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Pending > 0) await Task.Delay(5, cancel.Token).ConfigureAwait(false);
    }

    /// <summary>Stops taking messages and gives every channel up to <paramref name="timeout"/> to send what it holds.</summary>
    public Task DrainAsync(TimeSpan timeout)
    {
        List<ChatLane> lanes;
        lock (_lanes)
        {
            _stopped = true;
            lanes = [.. _lanes.Values];
        }
        return Task.WhenAll(lanes.Select(l => l.DrainAsync(timeout)));
    }

    public async ValueTask DisposeAsync()
    {
        List<ChatLane> lanes;
        lock (_lanes)
        {
            _stopped = true;
            lanes = [.. _lanes.Values];
        }
        foreach (var lane in lanes) await lane.DisposeAsync().ConfigureAwait(false);
    }

    internal static KrytenConnectionException Stopped() =>
        new("The client is stopping or stopped: chat and PMs are no longer accepted");
}

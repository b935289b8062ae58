using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kryten.Sdk.Events;
using Kryten.Sdk.State;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk;

/// <summary>
/// The live robot state of one channel, read from the JetStream KV buckets its bridge writes (see
/// <see cref="KrytenBuckets"/>): the playlist, the media playing, the users with their ranks, the emotes, the MOTD,
/// CSS and JS. Loaded when the client connects and kept current by KV watches, whether the bridge started before or
/// after the bot. <see cref="Snapshot"/> is a consistent, immutable view at any time; <see cref="WatchAsync"/> and
/// <see cref="Changed"/> report each change. Nothing here writes to the bridge's buckets.
/// </summary>
/// <example>
/// <code>
/// var state = client.ChannelState("420Grindhouse");
/// await state.WhenLoadedAsync(ct);
/// if (state.Snapshot.Users.TryGetValue(out var users))
///     Console.WriteLine($"{users.Count} users; the bot is {state.BotName ?? "(unknown)"} with rank {state.Self?.Rank}");
/// </code>
/// </example>
public sealed class KrytenChannelState
{
    private static readonly KrytenStatePart[] Parts = Enum.GetValues<KrytenStatePart>();

    private readonly object _gate = new();
    private readonly List<ChannelWriter<KrytenStateChange>> _watchers = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private volatile KrytenStateSnapshot _snapshot;
    private volatile string? _botName;
    private EventHandler<KrytenStateChange>? _changed;
    private bool _raising;
    private bool _stopped;
    private long _startedAt;

    internal KrytenChannelState(string channel, string domain, ILogger logger)
    {
        Channel = channel;
        Domain = domain;
        _logger = logger;
        _snapshot = KrytenStateSnapshot.Loading(channel);
    }

    /// <summary>The bridge's channel, raw (as in its buckets' names).</summary>
    public string Channel { get; }

    /// <summary>The bridge's CyTube domain (used to ask the bridge for its CyTube user).</summary>
    public string Domain { get; }

    /// <summary>The state now: replaced as a whole on every change, never modified.</summary>
    public KrytenStateSnapshot Snapshot => _snapshot;

    /// <summary>True once every part has had its first answer: present, absent or failed.</summary>
    public bool IsLoaded => _loaded.Task.IsCompletedSuccessfully;

    /// <summary>
    /// The CyTube user the bridge is logged in as (its <c>cytube.user</c>, from the bridge's user-level reply); null
    /// until the bridge has answered.
    /// </summary>
    public string? BotName => _botName;

    /// <summary>The bot's own entry in the user list (its name and rank as CyTube shows them); null while unknown or not listed.</summary>
    public ChannelUser? Self
    {
        get
        {
            var snapshot = _snapshot;
            return _botName is { } name && snapshot.Users.IsPresent ? snapshot.FindUser(name) : null;
        }
    }

    /// <summary>
    /// Raised after each change, in order, on a background thread (one at a time per channel). Handlers that throw are
    /// logged; they do not stop the state.
    /// </summary>
    public event EventHandler<KrytenStateChange>? Changed
    {
        add
        {
            lock (_gate)
            {
                _changed += value;
                if (_raising) return;
                _raising = true;
                var queue = System.Threading.Channels.Channel.CreateUnbounded<KrytenStateChange>(new UnboundedChannelOptions { SingleReader = true });
                if (_stopped) queue.Writer.TryComplete();
                else _watchers.Add(queue.Writer);
                _ = Task.Run(() => RaiseAsync(queue.Reader));
            }
        }
        remove
        {
            lock (_gate) _changed -= value;
        }
    }

    /// <summary>
    /// Completes once every part has had its first answer (present, absent or failed), which the client starts
    /// reading when it connects. Throws <see cref="KrytenStateException"/> when the client stops first.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <example><code>await client.ChannelState("420Grindhouse").WhenLoadedAsync(ct);</code></example>
    public Task WhenLoadedAsync(CancellationToken cancellationToken = default) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Waits for the first load, then gives the user named <paramref name="name"/> (null when the user list does not
    /// have it), e.g. the sender of a chat message or PM, whose events carry no rank. Throws
    /// <see cref="KrytenStateException"/> when the user list is absent or could not be read.
    /// </summary>
    /// <param name="name">The CyTube name (case does not matter, as in CyTube).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <example>
    /// <code>
    /// client.On&lt;PrivateMessage&gt;(async (pm, ctx, ct) =&gt;
    /// {
    ///     var sender = await ctx.ChannelState.FindUserAsync(pm.Username, ct);
    ///     if (sender?.Rank &gt;= 2) await ctx.Commands.SendPrivateMessageAsync(pm.Username, "yes, boss", cancellationToken: ct);
    /// });
    /// </code>
    /// </example>
    public async ValueTask<ChannelUser?> FindUserAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsLoaded) await WhenLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _snapshot.FindUser(name);
    }

    /// <summary>
    /// Waits for the first load, then yields one change per part that is present (the state as it is), then every
    /// change as it happens, until <paramref name="cancellationToken"/> is cancelled or the client stops. Nothing is
    /// missed or repeated between the two.
    /// </summary>
    /// <param name="cancellationToken">Ends the sequence.</param>
    /// <example>
    /// <code>
    /// await foreach (var change in client.ChannelState("420Grindhouse").WatchAsync(ct))
    ///     Console.WriteLine($"{change.Part}: {change.Value.Status}");
    /// </code>
    /// </example>
    public async IAsyncEnumerable<KrytenStateChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await WhenLoadedAsync(cancellationToken).ConfigureAwait(false);
        var queue = System.Threading.Channels.Channel.CreateUnbounded<KrytenStateChange>(new UnboundedChannelOptions { SingleReader = true });
        KrytenStateSnapshot start;
        lock (_gate)
        {
            start = _snapshot;
            if (_stopped) queue.Writer.TryComplete();
            else _watchers.Add(queue.Writer);
        }
        try
        {
            foreach (var part in Parts)
            {
                if (start[part].IsPresent) yield return new KrytenStateChange(Channel, part, start);
            }
            await foreach (var change in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate) _watchers.Remove(queue.Writer);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => _snapshot.ToString();

    internal void Started() => Interlocked.CompareExchange(ref _startedAt, Stopwatch.GetTimestamp(), 0);

    /// <summary>Replaces one part; a part that says what it already said changes nothing.</summary>
    internal void Apply(KrytenStateValue value)
    {
        lock (_gate)
        {
            var current = _snapshot;
            if (value.SameAbsence(current[value.Part])) return;
            var next = current.With(value);
            _snapshot = next;
            var change = new KrytenStateChange(Channel, value.Part, next);
            foreach (var watcher in _watchers) watcher.TryWrite(change);
            if (!_loaded.Task.IsCompleted && next.IsLoaded)
            {
                _loaded.TrySetResult();
                StateLog.Loaded(_logger, Channel, (long)Stopwatch.GetElapsedTime(Interlocked.Read(ref _startedAt)).TotalMilliseconds, next.ToString());
            }
        }
    }

    internal void Identified(string name)
    {
        _botName = name;
        StateLog.Identified(_logger, Channel, name);
    }

    /// <summary>The client stopped: watchers end, and a first load that never came fails.</summary>
    internal void Stopped()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var watcher in _watchers) watcher.TryComplete();
            _watchers.Clear();
            _loaded.TrySetException(new KrytenStateException(Channel, null, KrytenStateStatus.Loading, KrytenStateReason.None,
                $"The client stopped before the robot state of channel '{Channel}' was loaded"));
        }
    }

    private async Task RaiseAsync(ChannelReader<KrytenStateChange> queue)
    {
        await foreach (var change in queue.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Volatile.Read(ref _changed)?.Invoke(this, change);
            }
            catch (Exception e)
            {
                StateLog.ChangedHandlerFailed(_logger, e, Channel);
            }
        }
    }
}

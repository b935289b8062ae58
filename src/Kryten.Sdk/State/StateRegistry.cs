using System.Collections.Concurrent;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Transport;

namespace Kryten.Sdk.State;

/// <summary>
/// A client's channel states: one <see cref="KrytenChannelState"/> per channel (the configured ones, and any other
/// asked for), each fed by one <see cref="BucketFollower"/> per bucket while the client runs, and told the bridge's
/// CyTube user by the bridge's user-level query.
/// </summary>
internal sealed class StateRegistry(IStateBuckets buckets, IKrytenTransport transport, StateSettings settings)
{
    private readonly ConcurrentDictionary<string, Tracked> _channels = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly object _gate = new();
    private CancellationTokenSource? _stopping;
    private bool _stopped;

    /// <summary>Every channel's state, the configured ones and any other asked for.</summary>
    public IEnumerable<KrytenChannelState> Channels => _channels.Values.Select(t => t.View);

    /// <summary>The state of <paramref name="channel"/> when it exists already.</summary>
    public bool TryGet(string channel, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KrytenChannelState? state)
    {
        state = _channels.TryGetValue(channel, out var known) ? known.View : null;
        return state is not null;
    }

    /// <summary>The state of <paramref name="channel"/> (raw, as the bridge is configured), created on first use; started at once when the client runs.</summary>
    public KrytenChannelState Get(string channel, string domain)
    {
        var name = channel.Trim();
        if (_channels.TryGetValue(name, out var known)) return known.View;
        lock (_gate)
        {
            if (_channels.TryGetValue(name, out known)) return known.View;
            var tracked = new Tracked(new KrytenChannelState(name, domain, settings.Logger));
            _channels[name] = tracked;
            if (_stopped) tracked.View.Stopped();
            else if (_stopping is not null) Start(tracked, _stopping.Token);
            return tracked.View;
        }
    }

    /// <summary>Starts reading every channel's state (the client connected).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_stopping is not null || _stopped) return;
            _stopping = new CancellationTokenSource();
            foreach (var tracked in _channels.Values) Start(tracked, _stopping.Token);
        }
    }

    /// <summary>Stops every follower; the views keep their last snapshot and their watchers end.</summary>
    public async Task StopAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _stopped = true;
            running = [.. _running];
        }
        if (_stopping is not null) await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var task in running)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancelled is how a follower waiting for its bucket, or the identity query, stops.
            }
        }
        foreach (var tracked in _channels.Values) tracked.View.Stopped();
        _stopping?.Dispose();
    }

    private void Start(Tracked tracked, CancellationToken stopping)
    {
        var view = tracked.View;
        view.Started();
        if (!KrytenBuckets.CanHaveBuckets(view.Channel))
        {
            StateLog.InvalidChannelName(settings.Logger, view.Channel);
            foreach (var part in Enum.GetValues<KrytenStatePart>())
            {
                view.Apply(StatePartReader.NotPresent(view.Channel, part, KrytenStateReason.InvalidChannelName,
                    $"'{view.Channel}' cannot be part of a KV bucket name (letters, digits, - and _ only), so the bridge keeps no state for it"));
            }
            return;
        }
        Follow(view, KrytenBuckets.Playlist(view.Channel), stopping, null,
            (KrytenWire.KvPlaylistItemsKey, KrytenStatePart.Playlist), (KrytenWire.KvPlaylistCurrentKey, KrytenStatePart.Current));
        Follow(view, KrytenBuckets.Userlist(view.Channel), stopping, tracked.WakeIdentity, (KrytenWire.KvUsersKey, KrytenStatePart.Users));
        Follow(view, KrytenBuckets.Emotes(view.Channel), stopping, null, (KrytenWire.KvEmotesKey, KrytenStatePart.Emotes));
        Follow(view, KrytenBuckets.AdminState(view.Channel), stopping, null,
            (KrytenWire.KvMotdKey, KrytenStatePart.Motd), (KrytenWire.KvCssKey, KrytenStatePart.Css), (KrytenWire.KvJsKey, KrytenStatePart.Js));
        _running.Add(Task.Run(() => IdentifyAsync(tracked, stopping), CancellationToken.None));
    }

    private void Follow(KrytenChannelState view, string bucket, CancellationToken stopping, Action? onActivity, params (string Key, KrytenStatePart Part)[] keys)
    {
        var follower = new BucketFollower(buckets, view, bucket, keys.ToDictionary(k => k.Key, k => k.Part, StringComparer.Ordinal), settings, onActivity);
        // Started inline: the first open is under way (and a source that answers at once has answered) when Start
        // returns, so a connected client's state never waits on the thread pool to begin.
        _running.Add(follower.RunAsync(stopping));
    }

    // The bridge names its CyTube user only in its user-level reply. It is asked when the user list bucket opens or
    // changes (the bridge is then likely running), until it answers.
    private async Task IdentifyAsync(Tracked tracked, CancellationToken stopping)
    {
        var view = tracked.View;
        var subject = $"{KrytenWire.UserLevelSubjectPrefix}.{view.Domain}.{view.Channel}";
        if (subject.Split('.').Any(t => !KrytenSubjects.IsValidNatsToken(t))) return;
        while (view.BotName is null)
        {
            await tracked.Wake.WaitAsync(stopping).ConfigureAwait(false);
            try
            {
                var reply = await transport.RequestAsync(subject, "{}"u8.ToArray(), settings.ReadTimeout, stopping).ConfigureAwait(false);
                var answer = JsonSerializer.Deserialize(reply, KrytenJsonContext.Default.UserLevelReply);
                if (answer is { Success: true, Username: { Length: > 0 } name })
                {
                    view.Identified(name);
                    return;
                }
                StateLog.IdentityUnknown(settings.Logger, view.Channel, answer?.Error ?? "the bridge answered without a user name");
            }
            catch (Exception e) when ((e is KrytenException or TimeoutException or JsonException) && !stopping.IsCancellationRequested)
            {
                StateLog.IdentityUnknown(settings.Logger, view.Channel, e.Message);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(settings.RetryInterval, stopping).ConfigureAwait(false);
        }
    }

    private sealed class Tracked(KrytenChannelState view)
    {
        public KrytenChannelState View { get; } = view;

        public SemaphoreSlim Wake { get; } = new(0, 1);

        public void WakeIdentity()
        {
            if (View.BotName is not null || Wake.CurrentCount > 0) return;
            try
            {
                Wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another follower woke it just now.
            }
        }
    }
}

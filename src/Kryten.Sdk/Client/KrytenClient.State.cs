using Kryten.Sdk.State;
using Kryten.Sdk.Transport;

namespace Kryten.Sdk;

public sealed partial class KrytenClient : IChannelStateSource
{
    private readonly object _stateGate = new();
    private StateRegistry? _stateRegistry;
    private volatile bool _stateDecided;

    /// <summary>
    /// The live robot state of <paramref name="channel"/>: its playlist, media playing, users and ranks, emotes, MOTD,
    /// CSS and JS, read from the bridge's JetStream KV buckets (<see cref="KrytenBuckets"/>) when the client connects
    /// and kept current while it runs. Every configured channel's state is read from the start; another channel's is
    /// read from the first time it is asked for. Throws <see cref="KrytenStateException"/> (reason
    /// <see cref="KrytenStateReason.Off"/>) when <see cref="KrytenStateOptions.Enabled"/> is false, when the build
    /// left the state out (<c>KrytenRobotState=false</c>), or when the transport keeps no state.
    /// </summary>
    /// <param name="channel">
    /// The channel as the bridge is configured (bucket names keep its case); a configured channel may also be named
    /// the way channel filters match (e.g. <c>lounge-test</c> for <c>Lounge Test</c>).
    /// </param>
    /// <param name="domain">The bridge's CyTube domain; by default the configured channel's, else <c>cytu.be</c>.</param>
    /// <returns>The same object for the same channel every time.</returns>
    /// <example>
    /// <code>
    /// var state = client.ChannelState("420Grindhouse");
    /// await state.WhenLoadedAsync(ct);
    /// if (state.Snapshot.Current.TryGetValue(out var playing)) Console.WriteLine($"playing {playing.Title}");
    /// </code>
    /// </example>
    public KrytenChannelState ChannelState(string channel, string? domain = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var registry = StateRegistry()
            ?? throw new KrytenStateException(channel, null, KrytenStateStatus.Absent, KrytenStateReason.Off, StateOffReason());
        if (registry.TryGet(channel, out var known)) return known;   // every event of a configured channel ends here
        var token = KrytenSubjects.Normalize(channel.Trim());
        var configured = _options.Channels.FirstOrDefault(c => KrytenSubjects.Normalize(c.Channel) == token);
        return registry.Get(configured?.Channel ?? channel, domain ?? configured?.Domain ?? "cytu.be");
    }

    KrytenChannelState IChannelStateSource.ChannelStateOf(string channel, string domain) => ChannelState(channel, domain);

    // Decided once, on first use: the options, the build and the transport say whether this client keeps state.
    private StateRegistry? StateRegistry()
    {
        if (_stateDecided) return _stateRegistry;
        lock (_stateGate)
        {
            if (_stateDecided) return _stateRegistry;
            if (!StateFeature.IsSupported || !_options.State.Enabled)
            {
                _stateDecided = true;
                return null;
            }
            IStateBuckets? buckets = _transport switch
            {
                NatsKrytenTransport nats => new KvStateBuckets(nats.Connection, KvContext(nats), _options.State.ReadTimeout),
                IStateBuckets own => own,
                _ => null,
            };
            if (buckets is not null)
            {
                _stateRegistry = new StateRegistry(buckets, _transport, new StateSettings(_options, _logger));
                foreach (var channel in _options.Channels) _stateRegistry.Get(channel.Channel, channel.Domain);
            }
            _stateDecided = true;   // after the registry is complete: readers outside the lock see it whole
            return _stateRegistry;
        }
    }

    private string StateOffReason() =>
        !StateFeature.IsSupported ? "Robot state was left out of this build (MSBuild property KrytenRobotState=false)"
        : !_options.State.Enabled ? "Robot state is turned off (state.enabled: false)"
        : $"{_transport.GetType().Name} keeps no robot state";

    /// <summary>Starts reading every channel's state once connected.</summary>
    private void StartState() => StateRegistry()?.Start();

    /// <summary>Stops the state's watches before the connection goes.</summary>
    private Task StopStateAsync()
    {
        StateRegistry? registry;
        lock (_stateGate) registry = _stateRegistry;
        return registry?.StopAsync() ?? Task.CompletedTask;
    }
}

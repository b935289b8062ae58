using System.Net;
using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Lifecycle;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;
using Kryten.BridgeSimulator.State;
using Kryten.Sdk;
using NATS.Client.Core;

namespace Kryten.BridgeSimulator;

/// <summary>
/// One run of the bridge on one NATS connection, in the bridge's order (wire-contract §5.1): <c>startup</c>,
/// <c>connected</c> NATS, the service registry, the KV buckets (or no state without JetStream), <c>connected</c> CyTube,
/// the state handler and the robot handler on <c>kryten.robot.command</c>, the ready <c>startup</c>; then the recorded
/// session, each event applied to the state and published. It runs until cancelled, until <see cref="BridgeSettings.Linger"/>
/// after the last event, or until <c>system.shutdown</c> or <c>kryten.lifecycle.group.restart</c> asks; each of those
/// is a graceful shutdown that ends with <c>disconnected</c> and <c>shutdown</c>. A crash ends it without a word.
/// </summary>
internal sealed class SimulatedBridge
{
    private const string LifecycleSubjects = RobotLifecycle.SubjectPrefix + "*.*";
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(5);

    private readonly BridgeSettings _settings;
    private readonly BridgeConfig _config;
    private readonly TextWriter _log;
    private readonly SimulatedChannel _channel;
    private readonly BridgeCounters _counters = new();
    private readonly RobotCommandResponder _responder;
    private readonly RobotLifecycle _lifecycle = new(Dns.GetHostName(), TimeProvider.System);
    private readonly ServiceRegistry _registry = new(TimeProvider.System);
    private readonly long _processStart = TimeProvider.System.GetTimestamp();
    private Action<TimeSpan, string> _shutDownAfter = (_, _) => { };

    public SimulatedBridge(BridgeSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
        var identity = new BridgeIdentity(settings.Domain, settings.Channel, settings.BotName);
        _config = new BridgeConfig(identity, [settings.NatsUrl]);
        _channel = new SimulatedChannel(settings.Channel, TimeProvider.System);
        _responder = new RobotCommandResponder(identity, _channel, TimeProvider.System, _counters);
    }

    /// <param name="cancellationToken">A graceful shutdown, as SIGTERM is for the bridge.</param>
    /// <param name="crash">Stops the bridge as a kill does: no lifecycle messages on the way out.</param>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken crash = default)
    {
        var replay = new SessionReplay(SessionRecording.Load(_settings.SessionFile), _settings.Speed, _settings.Loop);
        await using var nats = new NatsConnection(new NatsOpts { Url = _settings.NatsUrl, Name = "kryten-bridge-simulator" });
        await nats.ConnectAsync().ConfigureAwait(false);
        using var requested = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, crash, requested.Token);
        var shutdownAt = DateTimeOffset.MaxValue;
        var gate = new Lock();
        // The first of several requests wins, as each is its own sleeping task in the bridge.
        _shutDownAfter = (delay, reason) =>
        {
            lock (gate)
            {
                if (DateTimeOffset.UtcNow + delay >= shutdownAt) return;
                shutdownAt = DateTimeOffset.UtcNow + delay;
                requested.CancelAfter(delay);
            }
            Log($"graceful shutdown in {delay.TotalSeconds:0.###} s ({reason})");
        };
        var loops = new List<Task>();
        var subscriptions = new List<INatsSub<byte[]>>();
        StateManager? state = null;
        try
        {
            state = await StartAsync(nats, loops, subscriptions, stop.Token).ConfigureAwait(false);
            Log($"connected to {_settings.NatsUrl}; channel '{_config.Identity.Channel}' on {_config.Identity.Domain}, {replay.Count} recorded events" +
                (state is null ? ", no state" : ""));
            await replay.RunAsync((recorded, token) => PlayAsync(nats, recorded, state, token), stop.Token).ConfigureAwait(false);
            Log("replay finished");
            await Task.Delay(_settings.Linger ?? Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);
            if (!crash.IsCancellationRequested)
            {
                foreach (var subscription in subscriptions) await subscription.DisposeAsync().ConfigureAwait(false);
                await SayGoodbyeAsync(nats).ConfigureAwait(false);
            }
            state?.Dispose();
        }
    }

    // Everything up to the ready startup, in the bridge's order; the listening loops go into `loops`.
    private async Task<StateManager?> StartAsync(NatsConnection nats, List<Task> loops, List<INatsSub<byte[]>> subscriptions,
        CancellationToken cancellationToken)
    {
        var identity = _config.Identity;
        _lifecycle.Start();
        await AnnounceAsync(nats, _lifecycle.StartupEvent(), cancellationToken).ConfigureAwait(false);
        await AnnounceAsync(nats, _lifecycle.NatsConnected(_config.NatsServers), cancellationToken).ConfigureAwait(false);
        // One subscription for the registry's three subjects and the group restart, so they are handled in order.
        var lifecycleEvents = await SubscribeAsync(nats, LifecycleSubjects, subscriptions, cancellationToken).ConfigureAwait(false);
        loops.Add(ListenToLifecycleAsync(lifecycleEvents, cancellationToken));
        // §4.5, subscribed as soon as NATS is connected: the user-level query, on the raw domain and channel, names the
        // bridge's CyTube user (robot state's BotName); its rank is the login's, 1 for a registered account in practice.
        // A channel that is no valid subject token (a space) gets no responder, where nats-py would fail the subscription.
        var userLevelSubject = $"{KrytenWire.UserLevelSubjectPrefix}.{identity.Domain}.{identity.Channel}";
        if (userLevelSubject.Split('.').All(KrytenSubjects.IsValidNatsToken))
        {
            var userLevel = await SubscribeAsync(nats, userLevelSubject, subscriptions, cancellationToken).ConfigureAwait(false);
            var reply = new PythonJsonWriter().StartObject().Key("success").Bool(true).Key("rank").Number(1).Key("username").String(identity.BotName).EndObject().ToUtf8();
            loops.Add(AnswerAsync(nats, userLevel, _ => new CommandOutcome(reply, [], "user_level"), null, cancellationToken));
        }
        var store = await StateStore.OpenAsync(nats, identity.Channel, Log, cancellationToken).ConfigureAwait(false);
        var state = store is null ? null : new StateManager(identity.Channel, store);
        await AnnounceAsync(nats, _lifecycle.CyTubeConnected(identity.Domain, identity.Channel), cancellationToken).ConfigureAwait(false);
        if (state is not null)
        {
            var responder = new StateQueryResponder(_config, state.Channel, _registry, TimeProvider.System, _processStart);
            var queries = await SubscribeAsync(nats, KrytenWire.CommandSubject, subscriptions, cancellationToken).ConfigureAwait(false);
            loops.Add(AnswerAsync(nats, queries, body => responder.Handle(body), state, cancellationToken));
        }
        var commands = await SubscribeAsync(nats, KrytenWire.CommandSubject, subscriptions, cancellationToken).ConfigureAwait(false);
        loops.Add(AnswerAsync(nats, commands, body => _responder.Handle(body), state, cancellationToken));
        // The subscriptions must be known to the server before any event can trigger a command: a ping round trip
        // returns only after the server has processed the SUBs written before it.
        await nats.PingAsync(cancellationToken).ConfigureAwait(false);
        await AnnounceAsync(nats, _lifecycle.Ready(identity.Domain, identity.Channel, _config.CommandsEnabled, _config.HealthEnabled),
            cancellationToken).ConfigureAwait(false);
        return state;
    }

    private static async Task<INatsSub<byte[]>> SubscribeAsync(NatsConnection nats, string subject, List<INatsSub<byte[]>> subscriptions,
        CancellationToken cancellationToken)
    {
        var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken).ConfigureAwait(false);
        subscriptions.Add(subscription);
        return subscription;
    }

    // The bridge wraps each CyTube event as it dequeues it: a fresh timestamp and correlation id every time.
    private async Task PlayAsync(NatsConnection nats, RecordedEvent recorded, StateManager? state, CancellationToken cancellationToken)
    {
        _channel.Observe(recorded);
        if (state is not null) await state.ApplyAsync(recorded.EventName, recorded.Payload, cancellationToken).ConfigureAwait(false);
        var body = BridgeEnvelope.Build(recorded.EventName, recorded.Payload, _settings.Channel, _settings.Domain,
            DateTimeOffset.UtcNow, Guid.NewGuid());
        await PublishEventAsync(nats, recorded.EventName, body, cancellationToken).ConfigureAwait(false);
    }

    // The robot handler and the state handler each read every request; the requester keeps the first reply.
    private async Task AnswerAsync(NatsConnection nats, INatsSub<byte[]> requests, Func<byte[], CommandOutcome> handle, StateManager? state,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var msg in requests.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // The raw serializer gives null for an empty body, which the bridge reads as invalid JSON.
                var outcome = handle(msg.Data ?? []);
                foreach (var published in outcome.Events)
                {
                    // What CyTube answers reaches the state manager as any CyTube event does.
                    if (state is not null) await state.ApplyAsync(published.EventName, PayloadOf(published), cancellationToken).ConfigureAwait(false);
                    await PublishEventAsync(nats, published.EventName, published.Envelope, cancellationToken).ConfigureAwait(false);
                }
                // The bridge handles one command at a time, so a wait for a CyTube answer that never comes holds the rest.
                if (outcome.ReplyDelay > TimeSpan.Zero) await Task.Delay(outcome.ReplyDelay, cancellationToken).ConfigureAwait(false);
                var fireAndForget = string.IsNullOrEmpty(msg.ReplyTo);
                if (outcome.Reply is { } reply && !fireAndForget)
                {
                    await msg.ReplyAsync(reply, cancellationToken: cancellationToken).ConfigureAwait(false);
                    _counters.Published(reply.Length);
                }
                if (outcome.Summary.Length > 0)
                    Log("<- " + outcome.Summary + (outcome.Reply is null ? " (no reply)" : fireAndForget ? " (fire-and-forget)" : ""));
                if (outcome.ShutdownAfter is { } delay) _shutDownAfter(delay, "system.shutdown");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // kryten.lifecycle.*.* carries the registry's startup/heartbeat/shutdown and the group restart notice.
    private async Task ListenToLifecycleAsync(INatsSub<byte[]> lifecycleEvents, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var msg in lifecycleEvents.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (msg.Subject == RobotLifecycle.GroupRestartSubject)
                {
                    if (RobotLifecycle.RestartDelay(msg.Data ?? []) is { } delay) _shutDownAfter(delay, "group restart notice");
                }
                else if (_registry.Observe(msg.Subject[(msg.Subject.LastIndexOf('.') + 1)..], msg.Data ?? []) is { } change)
                {
                    Log("registry: " + change);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // A graceful shutdown stops answering first, then says goodbye: disconnected from CyTube, shutdown.
    private async Task SayGoodbyeAsync(NatsConnection nats)
    {
        using var timeout = new CancellationTokenSource(GoodbyeTimeout);
        try
        {
            await AnnounceAsync(nats, _lifecycle.CyTubeDisconnected(), timeout.Token).ConfigureAwait(false);
            await AnnounceAsync(nats, _lifecycle.ShutdownEvent(), timeout.Token).ConfigureAwait(false);
            // Flushed: the server has both before the connection closes.
            await nats.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            Log("goodbye not sent: " + e.Message);
        }
    }

    private async Task AnnounceAsync(NatsConnection nats, LifecycleMessage message, CancellationToken cancellationToken)
    {
        await nats.PublishAsync(message.Subject, message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        // The bridge publishes them through the same client whose counters system.stats reports.
        _counters.Published(message.Body.Length);
        Log($"-> {message.Subject[RobotLifecycle.SubjectPrefix.Length..],-16} {Shorten(message.Extra)}");
    }

    private async Task PublishEventAsync(NatsConnection nats, string eventName, byte[] body, CancellationToken cancellationToken)
    {
        string subject;
        try
        {
            subject = KrytenSubjects.EventSubject(KrytenWire.EventSubjectPrefix, _settings.Channel, eventName);
        }
        catch (KrytenSubjectException e)
        {
            // The bridge cannot build a subject either; it logs and drops the event (wire-contract §1.3).
            Log($"-- {eventName,-16} skipped: {e.Message}");
            return;
        }
        await nats.PublishAsync(subject, body, cancellationToken: cancellationToken).ConfigureAwait(false);
        _counters.Published(body.Length);
        using var envelope = JsonDocument.Parse(body);
        Log($"-> {eventName,-16} {Shorten(envelope.RootElement.GetProperty(KrytenWire.EnvelopePayload).GetRawText())}");
    }

    private static JsonElement PayloadOf(PublishedEvent published)
    {
        using var envelope = JsonDocument.Parse(published.Envelope);
        return envelope.RootElement.GetProperty(KrytenWire.EnvelopePayload).Clone();
    }

    // A payload cut for one log line.
    private static string Shorten(string json) => json.Length <= 110 ? json : json[..107] + "...";

    private void Log(string line)
    {
        lock (_log) _log.WriteLine($"[bridge {DateTime.UtcNow:HH:mm:ss.fff}] {line}");
    }
}

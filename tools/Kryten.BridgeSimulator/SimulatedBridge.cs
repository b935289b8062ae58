using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Recording;
using Kryten.Sdk;
using NATS.Client.Core;

namespace Kryten.BridgeSimulator;

/// <summary>
/// Publishes a recorded session on the bridge's event subjects and answers <c>kryten.robot.command</c>, on one NATS
/// connection, until cancelled (or, with <see cref="BridgeSettings.Linger"/>, that long after the last event).
/// </summary>
internal sealed class SimulatedBridge
{
    private readonly BridgeSettings _settings;
    private readonly TextWriter _log;
    private readonly SimulatedChannel _channel;
    private readonly BridgeCounters _counters = new();
    private readonly RobotCommandResponder _responder;

    public SimulatedBridge(BridgeSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
        _channel = new SimulatedChannel(settings.Channel, TimeProvider.System);
        _responder = new RobotCommandResponder(new BridgeIdentity(settings.Domain, settings.Channel, settings.BotName), _channel,
            TimeProvider.System, _counters);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var replay = new SessionReplay(SessionRecording.Load(_settings.SessionFile), _settings.Speed, _settings.Loop);
        await using var nats = new NatsConnection(new NatsOpts { Url = _settings.NatsUrl, Name = "kryten-bridge-simulator" });
        await nats.ConnectAsync().ConfigureAwait(false);
        await using var commands = await nats.SubscribeCoreAsync<byte[]>(KrytenWire.CommandSubject, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        // The subscription must be known to the server before any event can trigger a command: a ping round trip
        // returns only after the server has processed the SUB written before it.
        await nats.PingAsync(cancellationToken).ConfigureAwait(false);
        Log($"connected to {_settings.NatsUrl}; channel '{_settings.Channel}' on {_settings.Domain}, {replay.Count} recorded events");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answering = AnswerCommandsAsync(nats, commands, stop.Token);
        try
        {
            await replay.RunAsync((recorded, token) => PlayAsync(nats, recorded, token), stop.Token).ConfigureAwait(false);
            Log("replay finished");
            if (_settings.Linger is { } linger) await Task.Delay(linger, stop.Token).ConfigureAwait(false);
            else await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await answering.ConfigureAwait(false);
        }
    }

    // The bridge wraps each CyTube event as it dequeues it: a fresh timestamp and correlation id every time.
    private Task PlayAsync(NatsConnection nats, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        _channel.Observe(recorded);
        var body = BridgeEnvelope.Build(recorded.EventName, recorded.Payload, _settings.Channel, _settings.Domain,
            DateTimeOffset.UtcNow, Guid.NewGuid());
        return PublishEventAsync(nats, recorded.EventName, body, cancellationToken);
    }

    private async Task AnswerCommandsAsync(NatsConnection nats, INatsSub<byte[]> commands, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var msg in commands.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // The raw serializer gives null for an empty body, which the bridge reads as invalid JSON.
                var outcome = _responder.Handle(msg.Data ?? []);
                foreach (var published in outcome.Events)
                    await PublishEventAsync(nats, published.EventName, published.Envelope, cancellationToken).ConfigureAwait(false);
                // The bridge handles one command at a time, so a wait for a CyTube answer that never comes holds the rest.
                if (outcome.ReplyDelay > TimeSpan.Zero) await Task.Delay(outcome.ReplyDelay, cancellationToken).ConfigureAwait(false);
                var fireAndForget = string.IsNullOrEmpty(msg.ReplyTo);
                if (outcome.Reply is { } reply && !fireAndForget)
                {
                    await msg.ReplyAsync(reply, cancellationToken: cancellationToken).ConfigureAwait(false);
                    _counters.Published(reply.Length);
                }
                Log("<- " + outcome.Summary + (outcome.Reply is null ? " (no reply)" : fireAndForget ? " (fire-and-forget)" : ""));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
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
        Log($"-> {eventName,-16} {Shorten(body)}");
    }

    // The payload as the envelope carries it, cut for one log line.
    private static string Shorten(byte[] envelope)
    {
        using var parsed = JsonDocument.Parse(envelope);
        var payload = parsed.RootElement.GetProperty(KrytenWire.EnvelopePayload).GetRawText();
        return payload.Length <= 110 ? payload : payload[..107] + "...";
    }

    private void Log(string line)
    {
        lock (_log) _log.WriteLine($"[bridge {DateTime.UtcNow:HH:mm:ss.fff}] {line}");
    }
}

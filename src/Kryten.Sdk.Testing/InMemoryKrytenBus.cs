using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Transport;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kryten.Sdk.Testing;

/// <summary>
/// An in-memory stand-in for NATS and the Kryten bridge that the real <see cref="KrytenClient"/> runs on unchanged:
/// simulate events (by CyTube name + payload JSON, or a typed record), inspect the commands exactly as sent,
/// script the bridge's replies, and simulate connection loss. Subjects, wildcards and request/reply behave like NATS,
/// and publishing while disconnected waits for the reconnect as NATS.Net does. Give it a logger factory to hear why a
/// simulated event would be skipped.
/// </summary>
/// <example>
/// <code>
/// var bus = new InMemoryKrytenBus();
/// await using var client = new KrytenClient(options, bus);
/// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
/// {
///     if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
/// });
/// await client.ConnectAsync();
/// await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username":"alice","msg":"!ping","meta":{},"time":1786731943510}""");
/// await bus.WaitForCommandAsync("say");
/// string? reply = bus.Commands.Single().Args.GetProperty("message").GetString();   // "pong"
/// </code>
/// </example>
public sealed partial class InMemoryKrytenBus : IKrytenTransport
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();
    private readonly ConcurrentQueue<KrytenMessage> _published = new();
    private readonly ConcurrentDictionary<string, Func<RecordedCommand, string?>> _scripted = new(StringComparer.Ordinal);
    private readonly object _signal = new();
    private readonly SemaphoreSlim _sendOrder = new(1, 1);
    private readonly ILogger _logger;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inbox;
    private volatile KrytenConnectionState _state = KrytenConnectionState.Disconnected;

    /// <summary>Creates a bus for the default subjects (<c>kryten.events.cytube</c>, <c>kryten.robot.command</c>).</summary>
    /// <param name="loggerFactory">Where the bus says why a simulated event does not have the shape CyTube sends.</param>
    /// <example><code>var bus = new InMemoryKrytenBus();   // or new InMemoryKrytenBus(loggerFactory): the bus then says why an event would be skipped</code></example>
    public InMemoryKrytenBus(ILoggerFactory? loggerFactory = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InMemoryKrytenBus>();
    }

    /// <summary>Where simulated events are published: <c>{EventPrefix}.{normalize(channel)}.{normalize(event)}</c>.</summary>
    public string EventPrefix { get; init; } = KrytenWire.EventSubjectPrefix;

    /// <summary>The subject the bridge reads commands on.</summary>
    public string CommandSubject { get; init; } = KrytenWire.CommandSubject;

    /// <summary>
    /// When no reply is scripted for a command, reply with <c>{"service":"robot","command":…,"success":true,"data":{"success":true}}</c>
    /// instead of reporting no responders.
    /// </summary>
    public bool AcknowledgeUnscripted { get; set; }

    /// <summary>How many upcoming connection attempts fail (to test connect retries).</summary>
    public int FailConnects { get; set; }

    /// <summary>How many upcoming publishes fail (to test publish retries).</summary>
    public int FailPublishes { get; set; }

    /// <summary>
    /// How long a publish or request made while disconnected waits for <see cref="SimulateReconnect"/> before failing,
    /// like <see cref="KrytenNatsOptions.ReconnectBufferTimeout"/> on a real connection.
    /// </summary>
    public TimeSpan ReconnectBufferTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every command received on <see cref="CommandSubject"/>, in order.</summary>
    public IReadOnlyList<RecordedCommand> Commands => _commands.ToArray();

    /// <summary>Every message published by clients (any subject), in order.</summary>
    public IReadOnlyList<KrytenMessage> Published => _published.ToArray();

    /// <inheritdoc/>
    public KrytenConnectionState State => _state;

    /// <inheritdoc/>
    public event EventHandler<KrytenConnectionState>? StateChanged;

    /// <summary>Never raised: the bus queues every message for its subscribers, so nothing is ever dropped.</summary>
    public event EventHandler<string>? MessageDropped
    {
        add { }
        remove { }
    }

    /// <summary>Answers the bridge command <paramref name="command"/> with <paramref name="replyJson"/> (exact bytes as the bridge would send); null means no reply (the requester times out).</summary>
    /// <param name="command">The <c>command</c> string, e.g. <c>addvideo</c>.</param>
    /// <param name="replyJson">The reply body, or null for none.</param>
    /// <example><code>bus.ScriptReply("addvideo", """{"service": "robot", "command": "addvideo", "success": true, "data": {"success": true, "uid": 17}}""");</code></example>
    public void ScriptReply(string command, string? replyJson) => _scripted[command] = _ => replyJson;

    /// <summary>Answers <paramref name="command"/> with a reply computed from the recorded request (null for no reply).</summary>
    /// <param name="command">The <c>command</c> string.</param>
    /// <param name="reply">Computes the reply body.</param>
    /// <example><code>bus.ScriptReply("say", req => $$$"""{"success": true, "data": {"echo": {{{req.Args.GetProperty("message").GetRawText()}}}}}""");</code></example>
    public void ScriptReply(string command, Func<RecordedCommand, string?> reply) => _scripted[command] = reply;

    /// <summary>
    /// Publishes a CyTube event as the bridge does: the envelope <c>{event_name, payload, channel, domain, timestamp, correlation_id}</c>
    /// on <c>kryten.events.cytube.{normalize(channel)}.{normalize(eventName)}</c>. Returns the correlation id.
    /// </summary>
    /// <param name="channel">The bridge's channel (raw).</param>
    /// <param name="eventName">The CyTube event name.</param>
    /// <param name="payloadJson">The payload JSON (any JSON value).</param>
    /// <param name="domain">The bridge's domain.</param>
    /// <param name="correlationId">The envelope's id; a new one by default.</param>
    /// <example><code>await bus.PublishEventAsync("420Grindhouse", "usercount", "12");</code></example>
    public async Task<string> PublishEventAsync(string channel, string eventName, string payloadJson, string domain = "cytu.be", string? correlationId = null)
    {
        ExplainIfMisshapen(eventName, payloadJson);
        var id = correlationId ?? Guid.NewGuid().ToString();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(KrytenWire.EnvelopeEventNameUtf8, eventName);
            writer.WritePropertyName(KrytenWire.EnvelopePayloadUtf8);
            writer.WriteRawValue(payloadJson);
            writer.WriteString(KrytenWire.EnvelopeChannelUtf8, channel);
            writer.WriteString(KrytenWire.EnvelopeDomainUtf8, domain);
            writer.WriteString(KrytenWire.EnvelopeTimestampUtf8, KrytenTimestamps.Format(DateTimeOffset.UtcNow));
            writer.WriteString(KrytenWire.EnvelopeCorrelationIdUtf8, id);
            writer.WriteEndObject();
        }
        await InjectAsync(KrytenSubjects.EventSubject(EventPrefix, channel, eventName), buffer.WrittenMemory.ToArray()).ConfigureAwait(false);
        return id;
    }

    /// <summary>Publishes a typed event record (serialized with its generated JSON metadata) as the bridge would.</summary>
    /// <typeparam name="T">The event record.</typeparam>
    /// <param name="channel">The bridge's channel.</param>
    /// <param name="evt">The event.</param>
    /// <param name="domain">The bridge's domain.</param>
    /// <example><code>await bus.PublishEventAsync("420Grindhouse", new UserLeft { Name = "bob" });</code></example>
    public Task<string> PublishEventAsync<T>(string channel, T evt, string domain = "cytu.be") where T : class, IKrytenEvent<T> =>
        T.EventSource == KrytenEventSource.Lifecycle
            ? throw new ArgumentException($"{typeof(T).Name} is a lifecycle event, not in a bridge envelope: use PublishLifecycleAsync", nameof(evt))
            : PublishEventAsync(channel, T.CytubeEventName, JsonSerializer.Serialize(evt, T.JsonTypeInfo), domain);

    /// <summary>Delivers raw bytes on a subject to the subscribers (as if someone published them), e.g. a malformed message.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="body">The body.</param>
    /// <example><code>await bus.InjectAsync("kryten.events.cytube.420grindhouse.chatmsg", "not json"u8.ToArray());</code></example>
    public Task InjectAsync(string subject, byte[] body)
    {
        if (_state != KrytenConnectionState.Connected) return Task.CompletedTask;   // like NATS: nobody hears it
        Deliver(new KrytenMessage(subject, null, body));
        return Task.CompletedTask;
    }

    /// <summary>Waits until every subscription has processed everything delivered to it so far.</summary>
    /// <param name="timeout">Gives up after this (default 10 s) with a <see cref="TimeoutException"/>.</param>
    /// <example><code>await bus.WhenIdleAsync();</code></example>
    public async Task WhenIdleAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        foreach (var subscription in _subscriptions.Keys) await subscription.WhenIdleAsync(cts.Token).ConfigureAwait(false);
    }

    /// <summary>Waits until a command named <paramref name="command"/> has been recorded <paramref name="count"/> times; returns the last.</summary>
    /// <param name="command">The <c>command</c> string.</param>
    /// <param name="count">How many to wait for.</param>
    /// <param name="timeout">Gives up after this (default 10 s) with a <see cref="TimeoutException"/>.</param>
    /// <example><code>var say = await bus.WaitForCommandAsync("say");</code></example>
    public async Task<RecordedCommand> WaitForCommandAsync(string command, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_signal) changed = _changed.Task;
            var matching = _commands.Where(c => c.Command == command).ToList();
            if (matching.Count >= count) return matching[count - 1];
            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{command}' was sent {matching.Count} time(s), expected {count}: {string.Join(", ", _commands.Select(c => c.Command))}");
            }
        }
    }

    /// <summary>Forgets recorded commands and published messages.</summary>
    /// <example><code>bus.Clear();</code></example>
    public void Clear()
    {
        _commands.Clear();
        _published.Clear();
    }

    /// <inheritdoc/>
    public async ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = new KrytenMessage(subject, null, payload.ToArray());
        await SendInOrderAsync(subject, () =>
        {
            Record(message, expectsReply: false);
            Deliver(message);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<byte[]> RequestAsync(string subject, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var inbox = "_INBOX.memory." + Interlocked.Increment(ref _inbox);
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var replies = await SubscribeAsync(inbox, (m, _) =>
        {
            reply.TrySetResult(m.Data.ToArray());
            return default;
        }, cancellationToken).ConfigureAwait(false);

        var message = new KrytenMessage(subject, inbox, payload.ToArray());
        RecordedCommand? recorded = null;
        var listeners = await SendInOrderAsync(subject, () =>
        {
            recorded = Record(message, expectsReply: true);
            return Deliver(message);
        }, cancellationToken).ConfigureAwait(false);
        if (recorded is not null && _scripted.TryGetValue(recorded.Command, out var script))
        {
            if (script(recorded) is { } json) reply.TrySetResult(Encoding.UTF8.GetBytes(json));
        }
        else if (recorded is not null && AcknowledgeUnscripted)
        {
            reply.TrySetResult(Encoding.UTF8.GetBytes($$$"""{"service": "robot", "command": {{{JsonSerializer.Serialize(recorded.Command, InternalJson.Default.String)}}}, "success": true, "data": {"success": true}}"""));
        }
        else if (AnswerAsBridge(subject) is { } bridgeReply)
        {
            reply.TrySetResult(bridgeReply);
        }
        else if (listeners == 0)
        {
            throw new KrytenNoRespondersException(subject);
        }
        try
        {
            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no reply on {subject} within {timeout}");
        }
    }

    /// <inheritdoc/>
    public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, KrytenMessageHandler handler, CancellationToken cancellationToken) =>
        Add(subject, null, handler, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, string queueGroup, KrytenMessageHandler handler, CancellationToken cancellationToken) =>
        Add(subject, queueGroup, handler, cancellationToken);

    private ValueTask<IAsyncDisposable> Add(string subject, string? queueGroup, KrytenMessageHandler handler, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var subscription = new Subscription(this, subject, queueGroup, handler);
        _subscriptions.TryAdd(subscription, 0);
        return new ValueTask<IAsyncDisposable>(subscription);
    }

    /// <inheritdoc/>
    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions.Keys) await subscription.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions.Keys) await subscription.DisposeAsync().ConfigureAwait(false);
        SetState(KrytenConnectionState.Closed);
    }

    private void ExplainIfMisshapen(string eventName, string payloadJson)
    {
        if (!KrytenEventRegistry.TryGetByName(eventName, out var info) || !_logger.IsEnabled(LogLevel.Warning)) return;
        try
        {
            info!.ReadPayload(Encoding.UTF8.GetBytes(payloadJson));
        }
        catch (JsonException e)
        {
            BusLog.PayloadMisshapen(_logger, eventName, info!.RecordType.Name, e.Message, payloadJson);
        }
    }

    private RecordedCommand? Record(KrytenMessage message, bool expectsReply)
    {
        _published.Enqueue(message);
        RecordedCommand? recorded = null;
        if (message.Subject == CommandSubject)
        {
            recorded = new RecordedCommand(message.Subject, message.Data.ToArray(), expectsReply);
            _commands.Enqueue(recorded);
        }
        lock (_signal)
        {
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return recorded;
    }

    private int Deliver(KrytenMessage message)
    {
        var count = 0;
        // Like NATS: every plain subscriber gets the message, each queue group one (random) member.
        var groups = new Dictionary<string, List<Subscription>>(StringComparer.Ordinal);
        foreach (var subscription in _subscriptions.Keys)
        {
            if (!SubjectPattern.Matches(subscription.Subject, message.Subject)) continue;
            if (subscription.QueueGroup is { } group)
            {
                if (!groups.TryGetValue(group, out var members)) groups[group] = members = [];
                members.Add(subscription);
                continue;
            }
            subscription.Enqueue(message);
            count++;
        }
        foreach (var members in groups.Values)
        {
            members[Random.Shared.Next(members.Count)].Enqueue(message);
            count++;
        }
        return count;
    }
}

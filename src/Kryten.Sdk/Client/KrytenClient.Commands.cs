using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Commands;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    /// <summary>
    /// Publishes the command to <c>kryten.robot.command</c> without waiting for the bridge and returns its
    /// <c>request_id</c>. Channel: the command's, else the only configured one. Domain: the command's, else the
    /// channel's configured domain. <see cref="KrytenCommand.CausedBy"/> becomes <c>meta.caused_by</c>; a handler's
    /// <see cref="EventContext.Commands"/> sets it to the event's correlation id.
    /// </summary>
    /// <remarks>
    /// Chat (<c>say</c>) and PMs (<c>pm</c>) are queued per channel and this returns once the message is queued, with the
    /// <c>request_id</c> of its first piece: each channel sends in order, paced like CyTube's antiflood
    /// (<see cref="KrytenChatOptions.Burst"/>, <see cref="KrytenChatOptions.Sustained"/>), and splits messages longer than
    /// <see cref="KrytenChatOptions.MaxLength"/> at word boundaries. A queued message that cannot be sent is logged and
    /// counted in <see cref="KrytenHealth.ChatNotSent"/>; to learn the outcome yourself, use
    /// <see cref="SendCommandAndWaitAsync{TReply}"/>. <paramref name="cancellationToken"/> cancels waiting for room in a
    /// full queue (<see cref="KrytenChatOptions.MaxQueued"/>), not a queued message.
    /// </remarks>
    /// <param name="command">The command (generated command methods build it).</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <returns>The command's <c>request_id</c>.</returns>
    /// <exception cref="KrytenConnectionException">The client is not connected yet, or is stopping.</exception>
    /// <exception cref="KrytenPublishException">Publishing failed after every retry (not for chat, which is queued).</exception>
    /// <exception cref="KrytenValidationException">No channel or domain can be chosen for the command.</exception>
    /// <example><code>string id = await client.SendCommandAsync(new KrytenCommand("clear", null, Channel: "420Grindhouse"));</code></example>
    public async ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (channel, domain) = Route(command);
        var parent = Activity.Current?.Context ?? default;
        if (!IsChat(command)) return await PublishCommandAsync(command, channel, domain, NewRequestId(), parent, cancellationToken).ConfigureAwait(false);
        var pieces = SplitChat(command);
        var chat = new QueuedChat(pieces, (piece, ct) => PublishCommandAsync(piece.Command, channel, domain, piece.RequestId, parent, ct).AsTask(), awaited: false, CancellationToken.None);
        await Chat().EnqueueAsync(channel, domain, chat, cancellationToken).ConfigureAwait(false);
        return pieces[0].RequestId;
    }

    /// <summary>
    /// Sends the command as a request and reads the bridge's reply: outer <c>success: false</c> or <c>data.success: false</c>
    /// throw <see cref="KrytenCommandException"/> with the bridge's text, no reply within <paramref name="timeout"/>
    /// (default <see cref="KrytenOptions.CommandTimeout"/>) throws <see cref="KrytenTimeoutException"/>, otherwise <c>data</c>
    /// is read with <paramref name="replyType"/>.
    /// </summary>
    /// <remarks>
    /// Chat and PMs wait for their turn in the channel's queue (see <see cref="SendCommandAsync"/>), then for the bridge's
    /// reply to every piece; the last piece's reply is returned. Every exception below derives from
    /// <see cref="KrytenException"/>: catch that for "the command did not go through".
    /// </remarks>
    /// <typeparam name="TReply">The reply's <c>data</c> type.</typeparam>
    /// <param name="command">The command.</param>
    /// <param name="replyType">Generated JSON metadata of <typeparamref name="TReply"/>.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply's <c>data</c>.</returns>
    /// <exception cref="KrytenCommandException">The bridge answered with a failure.</exception>
    /// <exception cref="KrytenTimeoutException">No reply arrived within the timeout.</exception>
    /// <exception cref="KrytenNoRespondersException">Nobody listens on the command subject: no bridge is running.</exception>
    /// <exception cref="KrytenConnectionException">The client is not connected yet, is disconnected, or stopped before the message's turn.</exception>
    /// <exception cref="KrytenValidationException">No channel or domain can be chosen for the command.</exception>
    /// <exception cref="KrytenException">The reply's <c>data</c> does not fit <typeparamref name="TReply"/>.</exception>
    /// <example><code>var ack = await client.SendCommandAndWaitAsync(new KrytenCommand("clear", null), KrytenJsonContext.Default.KrytenCommandAck);</code></example>
    public async ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(replyType);
        var (channel, domain) = Route(command);
        var wait = timeout ?? _options.CommandTimeout;
        var parent = Activity.Current?.Context ?? default;
        if (!IsChat(command)) return await RequestCommandAsync(command, channel, domain, NewRequestId(), parent, replyType, wait, cancellationToken).ConfigureAwait(false);
        TReply? last = default;
        var chat = new QueuedChat(SplitChat(command), async (piece, ct) =>
            last = await RequestCommandAsync(piece.Command, channel, domain, piece.RequestId, parent, replyType, wait, ct).ConfigureAwait(false),
            awaited: true, cancellationToken);
        await Chat().EnqueueAsync(channel, domain, chat, cancellationToken).ConfigureAwait(false);
        await chat.Completion.ConfigureAwait(false);
        return last!;
    }

    /// <summary>Sends one command to every configured channel (each with its own domain); returns the request ids in channel order.</summary>
    /// <param name="command">The command; its Channel and Domain are replaced per channel.</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <example><code>await client.SendToAllChannelsAsync(new KrytenCommand("setMotd", new SetMotdArgs("maintenance at 22:00")));</code></example>
    public async ValueTask<IReadOnlyList<string>> SendToAllChannelsAsync(KrytenCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var ids = new List<string>(_options.Channels.Count);
        foreach (var channel in _options.Channels)
        {
            ids.Add(await SendCommandAsync(command with { Channel = channel.Channel, Domain = channel.Domain }, cancellationToken).ConfigureAwait(false));
        }
        return ids;
    }

    // The schema marks the argument that is chat text (chatText: true); its generated args class says so.
    private static bool IsChat(KrytenCommand command) => command.Args is IKrytenChatArgs;

    private ChatPacer Chat() =>
        _chat ?? throw new KrytenConnectionException("The client is not connected (call ConnectAsync first)");

    private List<ChatPiece> SplitChat(KrytenCommand command)
    {
        var args = (IKrytenChatArgs)command.Args!;
        if (args.ChatText.Length <= _options.Chat.MaxLength) return [new ChatPiece(command, NewRequestId())];
        return ChatSplitter.Split(args.ChatText, _options.Chat.MaxLength)
            .Select(piece => new ChatPiece(command with { Args = args.WithChatText(piece) }, NewRequestId()))
            .ToList();
    }

    private static string NewRequestId() => Guid.NewGuid().ToString();

    private (string Channel, string Domain) Route(KrytenCommand command)
    {
        var channels = _options.Channels;
        var channel = command.Channel ?? (channels.Count == 1
            ? channels[0].Channel
            : throw new KrytenValidationException("channel", "required",
                $"'{command.Name}' needs a channel: {channels.Count} channels are configured (pass channel:, or send from a handler's ctx.Commands)"));
        if (command.Domain is not null) return (channel, command.Domain);
        var token = KrytenSubjects.Normalize(channel);
        foreach (var configured in channels)
        {
            if (KrytenSubjects.Normalize(configured.Channel) == token) return (channel, configured.Domain);
        }
        var domains = channels.Select(c => c.Domain).Distinct(StringComparer.Ordinal).ToList();
        return domains.Count == 1
            ? (channel, domains[0])
            : throw new KrytenValidationException("domain", "required", $"'{command.Name}' to unconfigured channel '{channel}' needs a domain");
    }

    private CommandMeta NewMeta(string channel, string domain, string requestId, string? causedBy) =>
        new(_options.ServiceName, KrytenTimestamps.Format(_time.GetUtcNow()), domain, channel, requestId, causedBy);

    private async ValueTask<string> PublishCommandAsync(KrytenCommand command, string channel, string domain, string requestId, ActivityContext parent, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var meta = NewMeta(channel, domain, requestId, command.CausedBy);
        using var activity = StartCommandActivity(command, meta, parent);
        var body = CommandRequestWriter.ToArray(command, meta);
        try
        {
            await PublishWithRetryAsync(_options.Subjects.CommandSubject, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _metrics.CommandFailed();
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        _metrics.CommandSent();
        return meta.RequestId;
    }

    private async Task<TReply> RequestCommandAsync<TReply>(KrytenCommand command, string channel, string domain, string requestId, ActivityContext parent, JsonTypeInfo<TReply> replyType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var meta = NewMeta(channel, domain, requestId, command.CausedBy);
        using var activity = StartCommandActivity(command, meta, parent);
        var body = CommandRequestWriter.ToArray(command, meta);
        try
        {
            byte[] reply;
            try
            {
                reply = await _transport.RequestAsync(_options.Subjects.CommandSubject, body, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new KrytenTimeoutException(command.Name, timeout);
            }
            catch (Exception e) when (e is not KrytenException and not OperationCanceledException)
            {
                // A transport's own failure: requests are not retried (the bridge could act twice), so one attempt.
                throw new KrytenPublishException(_options.Subjects.CommandSubject, 1, e);
            }
            _metrics.CommandSent();
            return ReadReply(command.Name, reply, replyType);
        }
        catch (Exception e)
        {
            _metrics.CommandFailed();
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    internal static TReply ReadReply<TReply>(string command, byte[] reply, JsonTypeInfo<TReply> replyType)
    {
        CommandReply parsed;
        try
        {
            parsed = CommandReply.Parse(reply);
        }
        catch (JsonException e)
        {
            throw new KrytenCommandException(command, "unreadable reply: " + e.Message, Encoding.UTF8.GetString(reply));
        }
        if (!parsed.Succeeded) throw new KrytenCommandException(command, parsed.Error, Encoding.UTF8.GetString(reply));
        var data = parsed.HasData ? reply.AsSpan(parsed.DataStart, parsed.DataLength) : "{}"u8;
        try
        {
            return JsonSerializer.Deserialize(data, replyType)
                ?? throw new KrytenException($"The reply to '{command}' has null data");
        }
        catch (JsonException e)
        {
            throw new KrytenException($"The reply to '{command}' does not fit {typeof(TReply).Name}: {e.Message}", e);
        }
    }

    // The parent is the activity current when the command was sent (a handler's dispatch span), captured before a chat
    // message waits in its queue, so one trace shows event, handler, command and reply.
    private static Activity? StartCommandActivity(KrytenCommand command, in CommandMeta meta, ActivityContext parent)
    {
        var activity = KrytenDiagnostics.Source.StartActivity("kryten.command", ActivityKind.Producer, parent);
        if (activity is null) return null;
        activity.SetTag("kryten.command", command.Name);
        activity.SetTag(KrytenDiagnostics.CorrelationIdTag, meta.RequestId);
        if (meta.CausedBy is not null) activity.SetTag("kryten.caused_by", meta.CausedBy);
        activity.SetTag("kryten.channel", meta.Channel);
        return activity;
    }

    private void EnsureStarted()
    {
        if (_closed) throw new KrytenConnectionException("The client has stopped: nothing can be sent any more");
        if (_connectedAt is null) throw new KrytenConnectionException("The client is not connected (call ConnectAsync first)");
    }

    private async ValueTask PublishWithRetryAsync(string subject, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var retry = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _transport.PublishAsync(subject, body, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not ArgumentException)
            {
                if (attempt > retry.Attempts) throw new KrytenPublishException(subject, attempt, e);
                var backoff = TimeSpan.FromTicks(Math.Min(retry.MaxDelay.Ticks, retry.Delay.Ticks * (1L << Math.Min(attempt - 1, 30))));
                var delay = backoff + backoff * (retry.Jitter * Random.Shared.NextDouble());
                Log.PublishRetry(_logger, subject, attempt, delay, e.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

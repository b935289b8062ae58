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
    /// channel's configured domain. <c>say</c>/<c>pm</c> are split at <see cref="KrytenChatOptions.MaxLength"/> and paced;
    /// the id of the first piece is returned. <see cref="KrytenCommand.CausedBy"/> becomes <c>meta.caused_by</c>; a handler's
    /// <see cref="EventContext.Commands"/> sets it to the event's correlation id.
    /// </summary>
    /// <param name="command">The command (generated command methods build it).</param>
    /// <param name="cancellationToken">Cancels sending.</param>
    /// <example><code>string id = await client.SendCommandAsync(new KrytenCommand("clear", null, Channel: "420Grindhouse"));</code></example>
    public async ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (channel, domain) = Route(command);
        if (!IsChat(command)) return await PublishCommandAsync(command, channel, domain, cancellationToken).ConfigureAwait(false);
        var chat = Chat();
        var sends = SplitChat(command)
            .Select(piece => chat.EnqueueAsync(ct => PublishCommandAsync(piece, channel, domain, ct).AsTask(), cancellationToken))
            .ToList();
        var ids = await Task.WhenAll(sends).ConfigureAwait(false);
        return ids[0];
    }

    /// <summary>
    /// Sends the command as a request and reads the bridge's reply: outer <c>success: false</c> or <c>data.success: false</c>
    /// throw <see cref="KrytenCommandException"/> with the bridge's text, no reply within <paramref name="timeout"/>
    /// (default <see cref="KrytenOptions.CommandTimeout"/>) throws <see cref="KrytenTimeoutException"/>, otherwise <c>data</c>
    /// is read with <paramref name="replyType"/>. A split chat message returns the last piece's reply.
    /// </summary>
    /// <typeparam name="TReply">The reply's <c>data</c> type.</typeparam>
    /// <param name="command">The command.</param>
    /// <param name="replyType">Generated JSON metadata of <typeparamref name="TReply"/>.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <example><code>var ack = await client.SendCommandAndWaitAsync(cmd, KrytenJsonContext.Default.KrytenCommandAck);</code></example>
    public async ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(replyType);
        var (channel, domain) = Route(command);
        var wait = timeout ?? _options.CommandTimeout;
        if (!IsChat(command)) return await RequestCommandAsync(command, channel, domain, replyType, wait, cancellationToken).ConfigureAwait(false);
        var chat = Chat();
        var sends = SplitChat(command)
            .Select(piece => chat.EnqueueAsync(ct => RequestCommandAsync(piece, channel, domain, replyType, wait, ct), cancellationToken))
            .ToList();
        var replies = await Task.WhenAll(sends).ConfigureAwait(false);
        return replies[^1];
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

    private ChatQueue Chat() =>
        _chat ?? throw new KrytenConnectionException("The client is not connected (call ConnectAsync first) or is stopped");

    private IEnumerable<KrytenCommand> SplitChat(KrytenCommand command)
    {
        var args = (IKrytenChatArgs)command.Args!;
        if (args.ChatText.Length <= _options.Chat.MaxLength) return [command];
        return ChatSplitter.Split(args.ChatText, _options.Chat.MaxLength).Select(piece => command with { Args = args.WithChatText(piece) });
    }

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

    private CommandMeta NewMeta(string channel, string domain, string? causedBy) =>
        new(_options.ServiceName, KrytenTimestamps.Format(_time.GetUtcNow()), domain, channel, Guid.NewGuid().ToString(), causedBy);

    private async ValueTask<string> PublishCommandAsync(KrytenCommand command, string channel, string domain, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var meta = NewMeta(channel, domain, command.CausedBy);
        using var activity = StartCommandActivity(command, meta);
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

    private async Task<TReply> RequestCommandAsync<TReply>(KrytenCommand command, string channel, string domain, JsonTypeInfo<TReply> replyType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var meta = NewMeta(channel, domain, command.CausedBy);
        using var activity = StartCommandActivity(command, meta);
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

    private static Activity? StartCommandActivity(KrytenCommand command, in CommandMeta meta)
    {
        var activity = KrytenDiagnostics.Source.StartActivity("kryten.command", ActivityKind.Producer);
        if (activity is null) return null;
        activity.SetTag("kryten.command", command.Name);
        activity.SetTag(KrytenDiagnostics.CorrelationIdTag, meta.RequestId);
        if (meta.CausedBy is not null) activity.SetTag("kryten.caused_by", meta.CausedBy);
        activity.SetTag("kryten.channel", meta.Channel);
        return activity;
    }

    private void EnsureStarted()
    {
        if (_connectedAt is null || _closed)
        {
            throw new KrytenConnectionException("The client is not connected (call ConnectAsync first) or is stopped");
        }
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

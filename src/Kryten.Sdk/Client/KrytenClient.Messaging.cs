using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Transport;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    /// <summary>Publishes raw bytes to any subject (retried like commands).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="payload">The body.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <example><code>await client.PublishAsync("kryten.lifecycle.mybot.heartbeat", "{}"u8.ToArray());</code></example>
    public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        EnsureStarted();
        return PublishWithRetryAsync(subject, payload, cancellationToken);
    }

    /// <summary>Publishes a value serialized with its generated JSON metadata.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">JSON metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <example><code>client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt; await client.PublishAsync("mybot.chat", msg, ChatMessage.JsonTypeInfo, ct));</code></example>
    public ValueTask PublishAsync<T>(string subject, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        PublishAsync(subject, JsonSerializer.SerializeToUtf8Bytes(value, type), cancellationToken);

    /// <summary>Sends a raw request to any subject; returns the reply's bytes, or throws <see cref="KrytenTimeoutException"/>.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="payload">The request body.</param>
    /// <param name="timeout">Reply wait (default <see cref="KrytenOptions.CommandTimeout"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <example><code>byte[] reply = await client.RequestAsync("kryten.robot.command", """{"service":"robot","command":"system.version"}"""u8.ToArray());</code></example>
    public async ValueTask<byte[]> RequestAsync(string subject, ReadOnlyMemory<byte> payload, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        EnsureStarted();
        var wait = timeout ?? _options.CommandTimeout;
        try
        {
            return await _transport.RequestAsync(subject, payload, wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new KrytenTimeoutException(subject, wait);
        }
    }

    /// <summary>Sends a typed request to any subject and reads the whole reply with <paramref name="replyType"/>.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TReply">Reply type.</typeparam>
    /// <param name="subject">The subject.</param>
    /// <param name="request">The request.</param>
    /// <param name="requestType">JSON metadata of the request.</param>
    /// <param name="replyType">JSON metadata of the reply.</param>
    /// <param name="timeout">Reply wait (default <see cref="KrytenOptions.CommandTimeout"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <example>
    /// <code>
    /// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
    /// {
    ///     // Ask another service of the bot about the message; it answers with an acknowledgement.
    ///     var ack = await client.RequestAsync("mybot.filter.check", msg, ChatMessage.JsonTypeInfo, KrytenJsonContext.Default.KrytenCommandAck, cancellationToken: ct);
    /// });
    /// </code>
    /// </example>
    public async ValueTask<TReply> RequestAsync<TRequest, TReply>(string subject, TRequest request, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(subject, JsonSerializer.SerializeToUtf8Bytes(request, requestType), timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(reply, replyType) ?? throw new KrytenException($"The reply on '{subject}' was null");
        }
        catch (JsonException e)
        {
            throw new KrytenException($"The reply on '{subject}' does not fit {typeof(TReply).Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Subscribes to any subject with raw messages (one at a time; the bytes are valid until the handler's task completes).
    /// Handler exceptions are logged and counted. Dispose the result to unsubscribe; <see cref="StopAsync(CancellationToken)"/> does it too.
    /// </summary>
    /// <param name="subject">The subject (wildcards allowed).</param>
    /// <param name="handler">Receives each message.</param>
    /// <param name="cancellationToken">Cancels subscribing.</param>
    /// <example><code>await using var sub = await client.SubscribeAsync("kryten.lifecycle.>", (msg, ct) => { Console.WriteLine(msg.Subject); return default; });</code></example>
    public async ValueTask<IAsyncDisposable> SubscribeAsync(string subject, KrytenMessageHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        EnsureStarted();
        var subscription = await _transport.SubscribeAsync(subject, async (message, ct) =>
        {
            try
            {
                await handler(message, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                _metrics.HandlerError();
                Log.HandlerFailed(_logger, e, "subscription:" + subject, message.Subject, "-");
            }
        }, cancellationToken).ConfigureAwait(false);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _subscriptions.Add(subscription);
        }
        finally
        {
            _lifecycle.Release();
        }
        return subscription;
    }

    /// <summary>
    /// Subscribes to any subject with messages read by <paramref name="type"/>; messages that do not fit are logged,
    /// counted as malformed and skipped.
    /// </summary>
    /// <typeparam name="T">Message type.</typeparam>
    /// <param name="subject">The subject (wildcards allowed).</param>
    /// <param name="type">JSON metadata of <typeparamref name="T"/>.</param>
    /// <param name="handler">Receives each value and its message.</param>
    /// <param name="cancellationToken">Cancels subscribing.</param>
    /// <example><code>await using var sub = await client.SubscribeAsync("mybot.chat", ChatMessage.JsonTypeInfo, (chat, msg, ct) =&gt; { Console.WriteLine(chat.Msg); return default; });</code></example>
    public ValueTask<IAsyncDisposable> SubscribeAsync<T>(string subject, JsonTypeInfo<T> type, Func<T, KrytenMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(handler);
        return SubscribeAsync(subject, (message, ct) =>
        {
            T? value;
            try
            {
                value = JsonSerializer.Deserialize(message.Data.Span, type);
            }
            catch (JsonException e)
            {
                _metrics.Malformed();
                Log.TypedMessageSkipped(_logger, message.Subject, typeof(T).Name, e.Message);
                return default;
            }
            if (value is null)
            {
                _metrics.Malformed();
                Log.TypedMessageSkipped(_logger, message.Subject, typeof(T).Name, "null");
                return default;
            }
            return handler(value, message, ct);
        }, cancellationToken);
    }
}

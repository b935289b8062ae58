using System.Buffers;
using Kryten.Nats.Internal;
using Kryten.Nats.Protocol;

namespace Kryten.Nats;

public sealed partial class NatsConnection
{
    /// <summary>While connected, publishers wait for the socket once this much is queued.</summary>
    private const int HighWaterBytes = 4 * 1024 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_headerScratch;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_payloadScratch;

    private string? _lastValidatedSubject;

    /// <summary>Publishes a message. Returns when it is queued for the socket (or for the next reconnect).</summary>
    /// <param name="subject">A literal subject (no wildcards).</param>
    /// <param name="payload">The bytes to send; copied before the call returns.</param>
    /// <param name="headers">Optional headers.</param>
    /// <param name="replyTo">Optional reply subject.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer space.</param>
    /// <returns>Completes when queued.</returns>
    /// <exception cref="ArgumentException">The subject is not valid for publishing.</exception>
    /// <exception cref="NatsPayloadTooLargeException">Headers plus payload exceed the server's max_payload.</exception>
    /// <exception cref="NatsReconnectBufferFullException">Disconnected and the reconnect buffer is full.</exception>
    /// <exception cref="NatsConnectionException">The connection is closed or was never connected.</exception>
    /// <example><code>await connection.PublishAsync("orders.created", Encoding.UTF8.GetBytes("{\"id\":1}"));</code></example>
    public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ValidatePublishSubjects(subject, replyTo);
        if (headers is null) return PublishCore(subject, replyTo, default, payload.Span, cancellationToken);
        var scratch = t_headerScratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        headers.WriteTo(scratch);
        return PublishCore(subject, replyTo, scratch.WrittenSpan, payload.Span, cancellationToken);
    }

    /// <summary>
    /// Publishes a message whose payload is written by <paramref name="writePayload"/> straight into a reused
    /// buffer (no per-message allocation).
    /// </summary>
    /// <typeparam name="TState">State handed to the callback (avoids a closure).</typeparam>
    /// <param name="subject">A literal subject (no wildcards).</param>
    /// <param name="state">Passed to <paramref name="writePayload"/>.</param>
    /// <param name="writePayload">Writes the payload; runs synchronously inside this call.</param>
    /// <param name="headers">Optional headers.</param>
    /// <param name="replyTo">Optional reply subject.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer space.</param>
    /// <returns>Completes when queued.</returns>
    /// <exception cref="ArgumentException">The subject is not valid for publishing.</exception>
    /// <exception cref="NatsPayloadTooLargeException">Headers plus payload exceed the server's max_payload.</exception>
    /// <exception cref="NatsReconnectBufferFullException">Disconnected and the reconnect buffer is full.</exception>
    /// <example>
    /// <code>
    /// await connection.PublishAsync("chat.out", message, static (writer, m) =>
    /// {
    ///     using var json = new Utf8JsonWriter(writer);
    ///     json.WriteStartObject(); json.WriteString("msg", m); json.WriteEndObject();
    /// });
    /// </code>
    /// </example>
    public ValueTask PublishAsync<TState>(string subject, TState state, Action<IBufferWriter<byte>, TState> writePayload, NatsHeaders? headers = null, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        ValidatePublishSubjects(subject, replyTo);
        var payload = t_payloadScratch ??= new ArrayBufferWriter<byte>(1024);
        payload.ResetWrittenCount();
        writePayload(payload, state);
        ReadOnlySpan<byte> headerBytes = default;
        if (headers is not null)
        {
            var scratch = t_headerScratch ??= new ArrayBufferWriter<byte>(256);
            scratch.ResetWrittenCount();
            headers.WriteTo(scratch);
            headerBytes = scratch.WrittenSpan;
        }
        var result = PublishCore(subject, replyTo, headerBytes, payload.WrittenSpan, cancellationToken);
        if (payload.Capacity > 1024 * 1024) t_payloadScratch = null;
        return result;
    }

    private void ValidatePublishSubjects(string subject, string? replyTo)
    {
        if (!ReferenceEquals(subject, _lastValidatedSubject))
        {
            SubjectValidator.ValidatePublish(subject);
            _lastValidatedSubject = subject;
        }
        if (replyTo is not null) SubjectValidator.ValidatePublish(replyTo, nameof(replyTo));
    }

    private ValueTask PublishCore(string subject, string? replyTo, ReadOnlySpan<byte> headers, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        var info = _serverInfo;
        var total = headers.Length + payload.Length;
        var max = info?.MaxPayload ?? 1024 * 1024;
        if (total > max) throw new NatsPayloadTooLargeException(total, max);
        if (!headers.IsEmpty && info is { Headers: false }) throw new NatsException("the server does not support headers");
        bool wake, wait;
        lock (_outbound.Sync)
        {
            if (!_outbound.Online)
            {
                ThrowIfUnusable();
                var estimate = (long)total + subject.Length * 3 + (replyTo?.Length * 3 ?? 0) + 40;
                if (_outbound.Length + estimate > _opts.ReconnectBufferBytes)
                    throw new NatsReconnectBufferFullException(_opts.ReconnectBufferBytes);
            }
            wake = _outbound.Length == 0;
            ProtocolWriter.WritePublish(_outbound, subject, replyTo, headers, payload);
            wait = _outbound.Online && _outbound.Length > HighWaterBytes;
            // Only written under the outbound lock; readers use Interlocked.Read, so no atomic op is needed here.
            StatisticsCounters._msgsOut++;
            StatisticsCounters._bytesOut += total;
        }
        if (wake) _outbound.Wake();
        return wait ? new ValueTask(_outbound.WaitDrainedAsync(cancellationToken)) : default;
    }

    /// <summary>Throws when nothing may be queued: closed, or never connected.</summary>
    private void ThrowIfUnusable()
    {
        if (IsClosed) throw new NatsConnectionException("the connection is closed");
        if (_state is NatsConnectionState.Disconnected or NatsConnectionState.Connecting)
            throw new NatsConnectionException("the connection is not connected yet; call ConnectAsync first");
    }

    private void WriteUnsub(long sid, long? max)
    {
        bool wake;
        lock (_outbound.Sync)
        {
            wake = _outbound.Length == 0;
            ProtocolWriter.WriteUnsub(_outbound, sid, max);
        }
        if (wake) _outbound.Wake();
    }
}

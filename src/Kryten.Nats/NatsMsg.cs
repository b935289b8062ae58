using Kryten.Nats.Internal;

namespace Kryten.Nats;

/// <summary>
/// A received message. <see cref="Data"/> lives in a pooled buffer owned by this message:
/// it is valid until <see cref="Dispose"/>, after which it reads as empty and the buffer is reused.
/// Copy the bytes (<c>msg.Data.ToArray()</c>) to keep them longer. Disposing twice, or disposing a
/// copy of the struct, is safe.
/// </summary>
/// <example>
/// <code>
/// await foreach (var msg in subscription)
/// {
///     using (msg)
///     {
///         Console.WriteLine($"{msg.Subject}: {Encoding.UTF8.GetString(msg.Data.Span)}");
///         if (msg.ReplyTo is not null) await msg.ReplyAsync("ok"u8.ToArray());
///     }
/// }
/// </code>
/// </example>
public readonly struct NatsMsg : IDisposable
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly PayloadLease? _lease;
    private readonly int _version;
    private readonly NatsConnection? _connection;

    /// <summary>Creates a message that owns no pooled memory (for tests and in-memory transports).</summary>
    /// <param name="subject">The subject it was published to.</param>
    /// <param name="data">The payload.</param>
    /// <param name="replyTo">The reply subject, if any.</param>
    /// <param name="headers">The headers, if any.</param>
    /// <example><code>var msg = new NatsMsg("chat.in", "hi"u8.ToArray());</code></example>
    public NatsMsg(string subject, ReadOnlyMemory<byte> data, string? replyTo = null, NatsHeaders? headers = null)
    {
        Subject = subject;
        _data = data;
        ReplyTo = replyTo;
        Headers = headers;
        Size = data.Length;
    }

    internal NatsMsg(string subject, string? replyTo, NatsHeaders? headers, PayloadLease? lease, int length, int size, NatsConnection? connection)
    {
        Subject = subject;
        ReplyTo = replyTo;
        Headers = headers;
        _lease = lease;
        _version = lease?.Version ?? 0;
        _data = lease is null ? ReadOnlyMemory<byte>.Empty : lease.Array.AsMemory(0, length);
        Size = size;
        _connection = connection;
    }

    /// <summary>The subject the message was published to.</summary>
    /// <example><code>Console.WriteLine(msg.Subject);</code></example>
    public string Subject { get; }

    /// <summary>The subject to send a reply to, or null.</summary>
    /// <example><code>if (msg.ReplyTo is not null) await msg.ReplyAsync(answer);</code></example>
    public string? ReplyTo { get; }

    /// <summary>The headers, or null when the message had none.</summary>
    /// <example><code>var traceId = msg.Headers?.TryGetValue("Trace-Id", out var t) == true ? t : null;</code></example>
    public NatsHeaders? Headers { get; }

    /// <summary>The payload; valid until <see cref="Dispose"/>.</summary>
    /// <example><code>var text = Encoding.UTF8.GetString(msg.Data.Span);</code></example>
    public ReadOnlyMemory<byte> Data => _lease is null || _lease.Version == _version ? _data : ReadOnlyMemory<byte>.Empty;

    /// <summary>Bytes on the wire: header block plus payload.</summary>
    /// <example><code>Console.WriteLine(msg.Size);</code></example>
    public int Size { get; }

    /// <summary>True for the status-503 reply the server sends when a request has no responders.</summary>
    /// <example><code>if (msg.IsNoResponders) Console.WriteLine("nobody listening");</code></example>
    public bool IsNoResponders => Headers is { StatusCode: 503 } && _data.IsEmpty;

    /// <summary>Publishes a reply to <see cref="ReplyTo"/> on the connection that received this message.</summary>
    /// <param name="payload">Reply payload.</param>
    /// <param name="headers">Optional reply headers.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer space.</param>
    /// <returns>Completes when the reply is queued for the socket.</returns>
    /// <exception cref="InvalidOperationException">The message has no reply subject or no connection.</exception>
    /// <example><code>await msg.ReplyAsync("pong"u8.ToArray());</code></example>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, CancellationToken cancellationToken = default) =>
        ReplyAsync(null, payload, headers, cancellationToken);

    /// <summary>Publishes a reply to <see cref="ReplyTo"/> through <paramref name="via"/> (or the receiving connection).</summary>
    /// <param name="via">The connection to reply through; null uses the one that received the message.</param>
    /// <param name="payload">Reply payload.</param>
    /// <param name="headers">Optional reply headers.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer space.</param>
    /// <returns>Completes when the reply is queued for the socket.</returns>
    /// <exception cref="InvalidOperationException">The message has no reply subject or no connection.</exception>
    /// <example><code>await msg.ReplyAsync(otherConnection, "pong"u8.ToArray());</code></example>
    public ValueTask ReplyAsync(NatsConnection? via, ReadOnlyMemory<byte> payload, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        var connection = via ?? _connection ?? throw new InvalidOperationException("the message was not received on a connection; pass one to reply through");
        if (ReplyTo is null) throw new InvalidOperationException($"the message on '{Subject}' has no reply subject");
        return connection.PublishAsync(ReplyTo, payload, headers, null, cancellationToken);
    }

    /// <summary>Returns the pooled payload buffer. Safe to call more than once.</summary>
    /// <example><code>using (msg) { Process(msg.Data.Span); }</code></example>
    public void Dispose() => _lease?.Release(_version);
}

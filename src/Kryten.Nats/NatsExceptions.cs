namespace Kryten.Nats;

/// <summary>Base class of every error raised by <see cref="NatsConnection"/>.</summary>
/// <example>
/// <code>
/// try { await connection.PublishAsync("orders.new", payload); }
/// catch (NatsException ex) { logger.LogWarning(ex, "publish failed"); }
/// </code>
/// </example>
public class NatsException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, without credentials.</param>
    /// <example><code>throw new NatsException("connection closed");</code></example>
    public NatsException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong, without credentials.</param>
    /// <param name="innerException">The underlying error.</param>
    /// <example><code>throw new NatsException("write failed", ioException);</code></example>
    public NatsException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>The client could not connect to any server, or the connection is closed.</summary>
/// <example>
/// <code>
/// try { await connection.ConnectAsync(); }
/// catch (NatsConnectionException ex) { Console.WriteLine($"no server reachable: {ex.Message}"); }
/// </code>
/// </example>
public sealed class NatsConnectionException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    /// <example><code>throw new NatsConnectionException("no servers available", null);</code></example>
    public NatsConnectionException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The server rejected the credentials (<c>-ERR 'Authorization Violation'</c> and similar).</summary>
/// <example>
/// <code>
/// try { await connection.ConnectAsync(); }
/// catch (NatsAuthorizationException) { Console.WriteLine("check the user name and password"); }
/// </code>
/// </example>
public sealed class NatsAuthorizationException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The server's error text (it never contains the credentials).</param>
    /// <example><code>throw new NatsAuthorizationException("Authorization Violation");</code></example>
    public NatsAuthorizationException(string message) : base(message) { }
}

/// <summary>The server sent bytes that are not valid NATS protocol, or reported a protocol error.</summary>
/// <example>
/// <code>
/// connection.StateChanged += (_, e) =>
/// {
///     if (e.Error is NatsProtocolException) Console.WriteLine("protocol error, reconnecting");
/// };
/// </code>
/// </example>
public sealed class NatsProtocolException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the input.</param>
    /// <example><code>throw new NatsProtocolException("unknown operation");</code></example>
    public NatsProtocolException(string message) : base(message) { }
}

/// <summary>A request found no subscriber on its subject (the server answered with status 503).</summary>
/// <example>
/// <code>
/// try { using var reply = await connection.RequestAsync("svc.echo", payload); }
/// catch (NatsNoRespondersException) { Console.WriteLine("nobody serves svc.echo"); }
/// </code>
/// </example>
public sealed class NatsNoRespondersException : NatsException
{
    /// <summary>Creates the exception for a subject.</summary>
    /// <param name="subject">The request subject nobody listens on.</param>
    /// <example><code>throw new NatsNoRespondersException("svc.echo");</code></example>
    public NatsNoRespondersException(string subject) : base($"no responders for request on '{subject}'") => Subject = subject;

    /// <summary>The request subject.</summary>
    /// <example><code>Console.WriteLine(ex.Subject);</code></example>
    public string Subject { get; }
}

/// <summary>A request or flush did not complete in time.</summary>
/// <example>
/// <code>
/// try { using var reply = await connection.RequestAsync("svc.slow", payload, timeout: TimeSpan.FromSeconds(1)); }
/// catch (NatsTimeoutException) { Console.WriteLine("no reply within 1 s"); }
/// </code>
/// </example>
public sealed class NatsTimeoutException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    /// <example><code>throw new NatsTimeoutException("request on 'svc.slow' timed out after 00:00:01");</code></example>
    public NatsTimeoutException(string message) : base(message) { }
}

/// <summary>A publish (headers plus payload) is larger than the server's <c>max_payload</c>. Nothing was sent.</summary>
/// <example>
/// <code>
/// try { await connection.PublishAsync("files", new byte[2 * 1024 * 1024]); }
/// catch (NatsPayloadTooLargeException ex) { Console.WriteLine($"{ex.Size} &gt; {ex.MaxPayload}"); }
/// </code>
/// </example>
public sealed class NatsPayloadTooLargeException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="size">Bytes the publish would carry (headers and payload).</param>
    /// <param name="maxPayload">The server's limit.</param>
    /// <example><code>throw new NatsPayloadTooLargeException(2_000_000, 1_048_576);</code></example>
    public NatsPayloadTooLargeException(long size, long maxPayload)
        : base($"message of {size} bytes exceeds the server's max_payload of {maxPayload} bytes")
    {
        Size = size;
        MaxPayload = maxPayload;
    }

    /// <summary>Bytes the publish would carry.</summary>
    /// <example><code>Console.WriteLine(ex.Size);</code></example>
    public long Size { get; }

    /// <summary>The server's limit.</summary>
    /// <example><code>Console.WriteLine(ex.MaxPayload);</code></example>
    public long MaxPayload { get; }
}

/// <summary>
/// The connection is down and the buffer that keeps publishes for the next reconnect
/// (<see cref="NatsOpts.ReconnectBufferBytes"/>) is full. The message was not queued.
/// </summary>
/// <example>
/// <code>
/// try { await connection.PublishAsync("metrics", payload); }
/// catch (NatsReconnectBufferFullException) { droppedMetrics++; }
/// </code>
/// </example>
public sealed class NatsReconnectBufferFullException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The configured buffer size in bytes.</param>
    /// <example><code>throw new NatsReconnectBufferFullException(8 * 1024 * 1024);</code></example>
    public NatsReconnectBufferFullException(long limit)
        : base($"disconnected and the reconnect buffer ({limit} bytes) is full; the message was not queued") { }
}

/// <summary>
/// Describes a slow consumer: a subscription whose pending queue was full, so a message was dropped.
/// It is reported through <see cref="NatsConnection.SlowConsumerDetected"/>, never thrown.
/// </summary>
/// <example>
/// <code>
/// connection.SlowConsumerDetected += (_, e) => Console.WriteLine(e.Exception.Message);
/// </code>
/// </example>
public sealed class NatsSlowConsumerException : NatsException
{
    /// <summary>Creates the description for a subscription.</summary>
    /// <param name="subject">The subscription's subject.</param>
    /// <example><code>var e = new NatsSlowConsumerException("events.>");</code></example>
    public NatsSlowConsumerException(string subject) : base($"slow consumer on '{subject}': pending limit reached, messages dropped")
        => Subject = subject;

    /// <summary>The subscription's subject.</summary>
    /// <example><code>Console.WriteLine(ex.Subject);</code></example>
    public string Subject { get; }
}

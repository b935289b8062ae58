namespace Kryten.Sdk;

/// <summary>Receives one message of a subscription.</summary>
/// <param name="message">The message; its <see cref="KrytenMessage.Data"/> is valid until the returned task completes.</param>
/// <param name="cancellationToken">Signals that the subscription is closing.</param>
/// <example><code>KrytenMessageHandler h = (msg, ct) => { Console.WriteLine(msg.Subject); return ValueTask.CompletedTask; };</code></example>
public delegate ValueTask KrytenMessageHandler(KrytenMessage message, CancellationToken cancellationToken);

/// <summary>One message as a transport delivers it.</summary>
/// <param name="Subject">The subject it arrived on.</param>
/// <param name="ReplyTo">Where to answer, or null.</param>
/// <param name="Data">The body; may live in a pooled buffer, so copy it to keep it past the handler.</param>
/// <example><code>KrytenMessageHandler print = (message, ct) => { Console.WriteLine(System.Text.Encoding.UTF8.GetString(message.Data.Span)); return default; };</code></example>
public readonly record struct KrytenMessage(string Subject, string? ReplyTo, ReadOnlyMemory<byte> Data);

/// <summary>Connection state of a transport or client.</summary>
/// <example><code>if (client.State == KrytenConnectionState.Reconnecting) Console.Error.WriteLine("NATS down");</code></example>
public enum KrytenConnectionState
{
    /// <summary>Not connected yet.</summary>
    Disconnected,

    /// <summary>First connection in progress.</summary>
    Connecting,

    /// <summary>Connected.</summary>
    Connected,

    /// <summary>Lost the connection; trying again.</summary>
    Reconnecting,

    /// <summary>Closed for good (stopped, disposed, or reconnect attempts exhausted).</summary>
    Closed,
}

namespace Kryten.Nats;

/// <summary>The life cycle of a <see cref="NatsConnection"/>.</summary>
/// <example>
/// <code>
/// if (connection.State == NatsConnectionState.Connected) await connection.PublishAsync("x", payload);
/// </code>
/// </example>
public enum NatsConnectionState
{
    /// <summary>Created, not connected yet.</summary>
    /// <example><code>var fresh = new NatsConnection(NatsOpts.Default); // State == Disconnected</code></example>
    Disconnected,

    /// <summary>The initial connect is in progress.</summary>
    /// <example><code>if (connection.State == NatsConnectionState.Connecting) Console.WriteLine("dialing");</code></example>
    Connecting,

    /// <summary>Connected and usable.</summary>
    /// <example><code>if (connection.State == NatsConnectionState.Connected) await connection.PublishAsync("x", data);</code></example>
    Connected,

    /// <summary>The connection was lost; publishes are buffered while the client reconnects.</summary>
    /// <example><code>if (connection.State == NatsConnectionState.Reconnecting) Console.WriteLine("buffering publishes");</code></example>
    Reconnecting,

    /// <summary>Closed for good (disposed, drained, or reconnect attempts exhausted).</summary>
    /// <example><code>if (connection.State == NatsConnectionState.Closed) connection = await ReopenAsync();</code></example>
    Closed,
}

/// <summary>Carries one state transition of a <see cref="NatsConnection"/>.</summary>
/// <example>
/// <code>
/// connection.StateChanged += (_, e) => Console.WriteLine($"{e.Previous} -> {e.Current} {e.Error?.Message}");
/// </code>
/// </example>
public sealed class NatsConnectionStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="previous">State before the change.</param>
    /// <param name="current">State after the change.</param>
    /// <param name="error">The error that caused it, if any.</param>
    /// <param name="serverUrl">The server connected to (for <see cref="NatsConnectionState.Connected"/>).</param>
    /// <example><code>var e = new NatsConnectionStateChangedEventArgs(NatsConnectionState.Connecting, NatsConnectionState.Connected, null, "nats://127.0.0.1:4222");</code></example>
    public NatsConnectionStateChangedEventArgs(NatsConnectionState previous, NatsConnectionState current, Exception? error, string? serverUrl)
    {
        Previous = previous;
        Current = current;
        Error = error;
        ServerUrl = serverUrl;
    }

    /// <summary>State before the change.</summary>
    /// <example><code>Console.WriteLine(e.Previous);</code></example>
    public NatsConnectionState Previous { get; }

    /// <summary>State after the change.</summary>
    /// <example><code>Console.WriteLine(e.Current);</code></example>
    public NatsConnectionState Current { get; }

    /// <summary>The error that caused the change, if any.</summary>
    /// <example><code>Console.WriteLine(e.Error?.Message);</code></example>
    public Exception? Error { get; }

    /// <summary>The server URL involved, without credentials.</summary>
    /// <example><code>Console.WriteLine(e.ServerUrl);</code></example>
    public string? ServerUrl { get; }
}

/// <summary>Reports a slow consumer: a subscription dropped messages because its pending queue was full.</summary>
/// <example>
/// <code>
/// connection.SlowConsumerDetected += (_, e) => Console.WriteLine($"{e.Subscription.Subject} dropped {e.Subscription.DroppedMessages}");
/// </code>
/// </example>
public sealed class NatsSlowConsumerEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="subscription">The subscription that dropped messages.</param>
    /// <example><code>var e = new NatsSlowConsumerEventArgs(sub);</code></example>
    public NatsSlowConsumerEventArgs(NatsSubscription subscription)
    {
        Subscription = subscription;
        Exception = new NatsSlowConsumerException(subscription.Subject);
    }

    /// <summary>The subscription that dropped messages.</summary>
    /// <example><code>Console.WriteLine(e.Subscription.Subject);</code></example>
    public NatsSubscription Subscription { get; }

    /// <summary>A description of the event as an exception (never thrown).</summary>
    /// <example><code>logger.LogWarning(e.Exception, "slow consumer");</code></example>
    public NatsSlowConsumerException Exception { get; }
}

/// <summary>Reports a non-fatal <c>-ERR</c> from the server, such as a permissions violation.</summary>
/// <example>
/// <code>
/// connection.ServerError += (_, e) => Console.WriteLine(e.Message);
/// </code>
/// </example>
public sealed class NatsServerErrorEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="message">The error text the server sent.</param>
    /// <example><code>var e = new NatsServerErrorEventArgs("Permissions Violation for Publish to \"x\"");</code></example>
    public NatsServerErrorEventArgs(string message) => Message = message;

    /// <summary>The error text the server sent (without the quotes).</summary>
    /// <example><code>Console.WriteLine(e.Message);</code></example>
    public string Message { get; }
}

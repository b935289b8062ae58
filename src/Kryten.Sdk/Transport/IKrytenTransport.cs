using Kryten.Sdk;

namespace Kryten.Sdk.Transport;

/// <summary>
/// The seam between <see cref="KrytenClient"/> and the wire. The client implements it over a NATS.Net
/// <c>INatsConnection</c>; <c>Kryten.Sdk.Testing.InMemoryKrytenBus</c> implements it in memory, so the real client runs
/// unchanged in tests. Implementations reconnect and resubscribe on their own after a connection loss.
/// </summary>
/// <example>
/// <code>
/// var bus = new InMemoryKrytenBus();                       // an IKrytenTransport
/// await using var client = new KrytenClient(options, bus);
/// </code>
/// </example>
public interface IKrytenTransport : IAsyncDisposable
{
    /// <summary>The connection state.</summary>
    KrytenConnectionState State { get; }

    /// <summary>Raised on every state change (possibly on a background thread).</summary>
    event EventHandler<KrytenConnectionState>? StateChanged;

    /// <summary>Raised with the subject of each received message dropped because its subscription's queue was full.</summary>
    event EventHandler<string>? MessageDropped;

    /// <summary>Connects once; throws <see cref="KrytenConnectionException"/> when no server can be reached.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    ValueTask ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Publishes bytes (no reply subject). While the connection is down the publish waits for it to come back (up to
    /// <see cref="KrytenNatsOptions.ReconnectBufferTimeout"/>); throws <see cref="KrytenConnectionException"/> on failure.
    /// </summary>
    /// <param name="subject">Target subject.</param>
    /// <param name="payload">Body; may be reused by the caller after the call returns.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a request and returns the first reply's body (owned by the caller). Throws <see cref="TimeoutException"/>
    /// when nothing answers in time and <see cref="KrytenNoRespondersException"/> when the server reports no responders.
    /// </summary>
    /// <param name="subject">Target subject.</param>
    /// <param name="payload">Request body.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask<byte[]> RequestAsync(string subject, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes, completing once the server has the subscription (a message published after that is delivered);
    /// <paramref name="handler"/> is called for one message at a time, and the message's bytes are valid until the
    /// handler's task completes. Disposing the result unsubscribes and waits for the running call.
    /// </summary>
    /// <param name="subject">Subject, wildcards allowed.</param>
    /// <param name="handler">Receives each message.</param>
    /// <param name="cancellationToken">Cancels the subscribe call.</param>
    ValueTask<IAsyncDisposable> SubscribeAsync(string subject, KrytenMessageHandler handler, CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes as a member of a queue group: each message goes to one member of the group (services run several
    /// instances this way, each request answered once). Otherwise as <see cref="SubscribeAsync(string, KrytenMessageHandler, CancellationToken)"/>.
    /// </summary>
    /// <param name="subject">Subject, wildcards allowed.</param>
    /// <param name="queueGroup">The queue group.</param>
    /// <param name="handler">Receives each message.</param>
    /// <param name="cancellationToken">Cancels the subscribe call.</param>
    ValueTask<IAsyncDisposable> SubscribeAsync(string subject, string queueGroup, KrytenMessageHandler handler, CancellationToken cancellationToken);

    /// <summary>Stops receiving on this transport's subscriptions and flushes pending publishes.</summary>
    /// <param name="cancellationToken">Bounds the drain.</param>
    ValueTask DrainAsync(CancellationToken cancellationToken);
}

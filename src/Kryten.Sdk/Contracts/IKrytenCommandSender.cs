using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk;

/// <summary>
/// What generated command methods are written against. <c>KrytenClient</c> implements it over NATS;
/// the testing package implements it over an in-memory bus.
/// </summary>
/// <example>
/// <code>
/// // Generated extension methods call these; users call the generated methods on a sender
/// // (a KrytenClient, an EventContext's Commands, or a test double):
/// string id = await client.SayAsync("hello");
/// QueuedMedia queued = await ctx.Commands.AddVideoAndWaitAsync("yt", "dQw4w9WgXcQ");
/// </code>
/// </example>
public interface IKrytenCommandSender
{
    /// <summary>Publishes the command without waiting for the bridge; returns the request's correlation id.</summary>
    ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the command as a request and waits for the bridge's reply. A reply with outer
    /// <c>success: false</c> or <c>data.success: false</c> throws <see cref="KrytenCommandException"/>;
    /// no reply in time throws <see cref="KrytenTimeoutException"/>; otherwise the reply's <c>data</c>
    /// is read with <paramref name="replyType"/>.
    /// </summary>
    ValueTask<TReply> SendCommandAndWaitAsync<TReply>(
        KrytenCommand command,
        JsonTypeInfo<TReply> replyType,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);
}

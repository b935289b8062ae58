using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Diagnostics;

/// <summary>
/// Every log line the runtime writes (source-generated, allocation-free when disabled). No secrets reach these.
/// NATS.Net logs through the same factory; its connection-failure entries are reshaped by <c>Transport/NatsLogFilter</c>.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Connected to NATS ({Options})")]
    public static partial void Connected(ILogger logger, string options);

    [LoggerMessage(2, LogLevel.Warning, "NATS connect attempt {Attempt}/{Attempts} failed: {Reason}")]
    public static partial void ConnectAttemptFailed(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(3, LogLevel.Information, "Connection state {State}")]
    public static partial void StateChanged(ILogger logger, KrytenConnectionState state);

    [LoggerMessage(4, LogLevel.Information, "Subscribed to {Subject} for {Domain}/{Channel}")]
    public static partial void Subscribed(ILogger logger, string subject, string domain, string channel);

    [LoggerMessage(5, LogLevel.Warning, "{Handlers} event handler(s) registered but no channels are configured: no events will arrive (add channels to the options; a client that only sends commands needs no handlers)")]
    public static partial void HandlersWithoutChannels(ILogger logger, int handlers);

    [LoggerMessage(10, LogLevel.Warning, "Skipped malformed message on {Subject}: {Reason}")]
    public static partial void MalformedEnvelope(ILogger logger, string subject, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Skipped {EventName} payload (correlation {CorrelationId}) on {Subject}: {Reason}")]
    public static partial void MalformedPayload(ILogger logger, string eventName, string correlationId, string subject, string reason);

    [LoggerMessage(12, LogLevel.Error, "Handler {Handler} failed on {EventName} (correlation {CorrelationId})")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string eventName, string correlationId);

    [LoggerMessage(13, LogLevel.Warning, "Handler {Handler} timed out after {Timeout} on {EventName} (correlation {CorrelationId})")]
    public static partial void HandlerTimedOut(ILogger logger, string handler, TimeSpan timeout, string eventName, string correlationId);

    [LoggerMessage(15, LogLevel.Warning, "Dropped {Count} event(s), the latest on {Subject}: handlers fell behind while {Capacity} events were waiting (counted in kryten.events.dropped)")]
    public static partial void EventsDropped(ILogger logger, long count, string subject, int capacity);

    [LoggerMessage(16, LogLevel.Error, "Receiving on {Subject} failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(14, LogLevel.Error, "The OnHandlerError callback threw")]
    public static partial void ErrorCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(17, LogLevel.Information, "Skipped {EventName} (correlation {CorrelationId}) on {Subject}: already handled (at-least-once duplicate)")]
    public static partial void DuplicateSkipped(ILogger logger, string eventName, string correlationId, string subject);

    [LoggerMessage(18, LogLevel.Error, "Gave up on {Subject} (stream sequence {Sequence}) after {Deliveries} deliveries: dead-lettered (kryten.events.dead_lettered)")]
    public static partial void DeadLettered(ILogger logger, string subject, ulong sequence, ulong deliveries);

    [LoggerMessage(19, LogLevel.Information, "Consuming {Subject} at least once from stream {Stream} as durable consumer {Consumer}")]
    public static partial void DurableConsumerStarted(ILogger logger, string subject, string stream, string consumer);

    [LoggerMessage(23, LogLevel.Warning, "Acknowledging {Subject} failed: {Reason}")]
    public static partial void AcknowledgeFailed(ILogger logger, string subject, string reason);

    [LoggerMessage(24, LogLevel.Error, "Consuming {Subject} from stream {Stream} failed; retrying in {Delay}")]
    public static partial void ConsumeFailed(ILogger logger, Exception exception, string subject, string stream, TimeSpan delay);

    [LoggerMessage(25, LogLevel.Information, "Created JetStream stream {Stream} for {Subjects}")]
    public static partial void StreamCreated(ILogger logger, string stream, string subjects);

    [LoggerMessage(20, LogLevel.Warning, "Publish to {Subject} failed (attempt {Attempt}), retrying in {Delay}: {Reason}")]
    public static partial void PublishRetry(ILogger logger, string subject, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(21, LogLevel.Warning, "Chat message (request {RequestId}) to {Channel} not sent (counted in kryten.chat.not_sent): {Reason}")]
    public static partial void ChatNotSent(ILogger logger, string requestId, string channel, string reason);

    [LoggerMessage(26, LogLevel.Warning, "Stopped with {Count} chat message(s) to {Channel} not sent: the drain timeout of {Timeout} ran out while they waited for their pacing turn (counted in kryten.chat.not_sent)")]
    public static partial void ChatAbandoned(ILogger logger, int count, string channel, TimeSpan timeout);

    [LoggerMessage(22, LogLevel.Warning, "Skipped a message on {Subject} that did not match {Type}: {Reason}")]
    public static partial void TypedMessageSkipped(ILogger logger, string subject, string type, string reason);

    [LoggerMessage(30, LogLevel.Information, "Stopping (drain timeout {Timeout})")]
    public static partial void Stopping(ILogger logger, TimeSpan timeout);

    [LoggerMessage(31, LogLevel.Warning, "Drain did not finish within {Timeout}: {What}")]
    public static partial void DrainIncomplete(ILogger logger, TimeSpan timeout, string what);

    [LoggerMessage(40, LogLevel.Error, "Service {Service}: the handler of '{Command}' failed; the caller got an INTERNAL_ERROR reply")]
    public static partial void ServiceHandlerFailed(ILogger logger, Exception exception, string service, string command);

    [LoggerMessage(41, LogLevel.Information, "Service {Service} serves {Subject} (queue group {QueueGroup}, NATS services framework: {Registered})")]
    public static partial void ServiceStarted(ILogger logger, string service, string subject, string queueGroup, bool registered);
}

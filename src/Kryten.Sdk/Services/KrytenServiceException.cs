namespace Kryten.Sdk;

/// <summary>
/// A Kryten service answered with a failure, or a service handler fails a request on purpose. A handler throws it with
/// an error code (SNAKE_CASE, e.g. <see cref="KrytenWire.ErrorRecordNotFound"/>) and a text; the host sends both in the
/// reply envelope. A generated client throws it for every reply without <c>success: true</c>, with the service's text
/// always and the code when the service sent one (the ecosystem's Python services send none).
/// </summary>
/// <example>
/// <code>
/// try { await new ModeratorClient(client).RemoveEntryAsync("420Grindhouse", "alice"); }
/// catch (KrytenServiceException e) { Console.WriteLine($"{e.ErrorCode ?? "no code"}: {e.ServiceError}"); }
/// </code>
/// </example>
public sealed class KrytenServiceException : KrytenException
{
    /// <summary>Creates the exception a service handler throws to fail the request with a code.</summary>
    /// <param name="errorCode">The SNAKE_CASE error code sent as <c>error_code</c>.</param>
    /// <param name="error">The text sent as <c>error</c>.</param>
    /// <param name="details">Optional details sent as <c>details</c>.</param>
    /// <example><code>throw new KrytenServiceException(KrytenWire.ErrorRecordNotFound, "I have not seen alice");</code></example>
    public KrytenServiceException(string errorCode, string error, string? details = null)
        : base(error)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
        ServiceError = error;
        Details = details;
    }

    /// <summary>Creates the exception a client throws for a failed reply.</summary>
    /// <param name="service">The service that was called.</param>
    /// <param name="command">The command that was sent.</param>
    /// <param name="error">The service's error text (<c>error</c>).</param>
    /// <param name="errorCode">The service's error code (<c>error_code</c>), if it sent one.</param>
    /// <param name="details">The service's details (<c>details</c>), if it sent them.</param>
    /// <param name="replyJson">The whole reply as JSON text.</param>
    /// <example><code>throw new KrytenServiceException("seen", "seen.get", "I have not seen alice", "RECORD_NOT_FOUND", null, "{}");   // e.g. in a test double</code></example>
    public KrytenServiceException(string service, string command, string error, string? errorCode, string? details, string? replyJson)
        : base($"The {service} service rejected '{command}': {error}{(errorCode is null ? string.Empty : $" ({errorCode})")}")
    {
        Service = service;
        Command = command;
        ServiceError = error;
        ErrorCode = errorCode;
        Details = details;
        ReplyJson = replyJson;
    }

    /// <summary>The error code (<c>error_code</c>), when there is one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's error text (<c>error</c>).</summary>
    public string ServiceError { get; }

    /// <summary>Optional details (<c>details</c>).</summary>
    public string? Details { get; }

    /// <summary>The service called (client side), or null when a handler threw it.</summary>
    public string? Service { get; }

    /// <summary>The command sent (client side), or null when a handler threw it.</summary>
    public string? Command { get; }

    /// <summary>The whole reply as JSON text (client side), for diagnosis.</summary>
    public string? ReplyJson { get; }
}

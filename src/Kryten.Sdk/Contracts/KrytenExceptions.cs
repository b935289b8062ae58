namespace Kryten.Sdk;

/// <summary>Base type of every exception the SDK throws on purpose.</summary>
/// <example><code>try { await client.ConnectAsync(ct); } catch (KrytenException e) { log.LogError(e, "kryten"); }</code></example>
public class KrytenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KrytenException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A command argument broke a rule of the schema; nothing was sent.</summary>
/// <example><code>catch (KrytenValidationException e) when (e.ParameterName == "message") { /* too long */ }</code></example>
public sealed class KrytenValidationException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    public KrytenValidationException(string parameterName, string rule, string message)
        : base(message)
    {
        ParameterName = parameterName;
        Rule = rule;
    }

    /// <summary>The C# parameter that failed.</summary>
    public string ParameterName { get; }

    /// <summary>The rule that failed, as the schema names it (e.g. <c>maxLength</c>, <c>notEmpty</c>, <c>enum</c>, <c>range</c>).</summary>
    public string Rule { get; }
}

/// <summary>The bridge answered a command with a failure (outer <c>success: false</c> or <c>data.success: false</c>).</summary>
/// <example><code>catch (KrytenCommandException e) { await client.SayAsync($"could not queue: {e.BridgeError}"); }</code></example>
public sealed class KrytenCommandException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    public KrytenCommandException(string command, string? bridgeError, string? replyJson)
        : base($"The bridge rejected '{command}': {bridgeError ?? "no error text"}")
    {
        Command = command;
        BridgeError = bridgeError;
        ReplyJson = replyJson;
    }

    /// <summary>The command string that was sent.</summary>
    public string Command { get; }

    /// <summary>The bridge's error text, if it gave one.</summary>
    public string? BridgeError { get; }

    /// <summary>The whole reply as JSON text, for diagnosis.</summary>
    public string? ReplyJson { get; }
}

/// <summary>No reply arrived within the timeout.</summary>
/// <example><code>catch (KrytenTimeoutException e) { logger.LogWarning("bridge silent for {Timeout}", e.Timeout); }</code></example>
public sealed class KrytenTimeoutException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    public KrytenTimeoutException(string operation, TimeSpan timeout)
        : base($"No reply to '{operation}' within {timeout.TotalSeconds:0.###} s")
    {
        Operation = operation;
        Timeout = timeout;
    }

    /// <summary>The command or subject that timed out.</summary>
    public string Operation { get; }

    /// <summary>How long the SDK waited.</summary>
    public TimeSpan Timeout { get; }
}

namespace Kryten.Sdk;

/// <summary>Base type of every exception the SDK throws on purpose.</summary>
/// <example><code>try { await client.ConnectAsync(ct); } catch (KrytenException e) { Console.Error.WriteLine(e.Message); }</code></example>
public class KrytenException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <example><code>throw new KrytenException("the bot lost its channel", new IOException("connection reset"));</code></example>
    public KrytenException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A command argument broke a rule of the schema; nothing was sent.</summary>
/// <example>
/// <code>
/// try { await client.SendPrivateMessageAsync("not a name!", "hi"); }
/// catch (KrytenValidationException e) when (e.ParameterName == "username") { /* e.Rule is "pattern" */ }
/// </code>
/// </example>
public sealed class KrytenValidationException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The C# parameter that failed.</param>
    /// <param name="rule">The schema rule that failed.</param>
    /// <param name="message">The full explanation.</param>
    /// <example><code>throw new KrytenValidationException("message", "notEmpty", "message must not be empty");</code></example>
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
/// <example>
/// <code>
/// try { await client.AddVideoAndWaitAsync("yt", "dQw4w9WgXcQ"); }
/// catch (KrytenCommandException e) { await client.SayAsync($"could not queue: {e.BridgeError}"); }
/// </code>
/// </example>
public sealed class KrytenCommandException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command string that was sent.</param>
    /// <param name="bridgeError">The bridge's error text, if any.</param>
    /// <param name="replyJson">The whole reply as JSON text, if any.</param>
    /// <example><code>throw new KrytenCommandException("addvideo", "Video not found", """{"success": false, "error": "Video not found"}""");   // e.g. in a test double</code></example>
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
/// <example>
/// <code>
/// try { await client.GetUserlistAsync(timeout: TimeSpan.FromSeconds(5)); }
/// catch (KrytenTimeoutException e) { Console.Error.WriteLine($"bridge silent for {e.Timeout}"); }
/// </code>
/// </example>
public sealed class KrytenTimeoutException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The command or subject that timed out.</param>
    /// <param name="timeout">How long was waited.</param>
    /// <example><code>throw new KrytenTimeoutException("state.userlist", TimeSpan.FromSeconds(5));</code></example>
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

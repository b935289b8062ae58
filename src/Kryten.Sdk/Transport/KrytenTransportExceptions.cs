namespace Kryten.Sdk;

/// <summary>No NATS server could be reached (after the configured attempts), or the connection is closed.</summary>
/// <example>
/// <code>
/// try { await client.ConnectAsync(ct); }
/// catch (KrytenConnectionException e) { Console.Error.WriteLine(e.Message); Environment.ExitCode = 1; }
/// </code>
/// </example>
public sealed class KrytenConnectionException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <example><code>throw new KrytenConnectionException("not connected (call ConnectAsync first)");</code></example>
    public KrytenConnectionException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A publish kept failing after every configured retry.</summary>
/// <example>
/// <code>
/// try { await client.SayAsync("hello"); }
/// catch (KrytenPublishException e) { Console.Error.WriteLine($"gave up after {e.Attempts} attempts: {e.Message}"); }
/// </code>
/// </example>
public sealed class KrytenPublishException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The subject that could not be published to.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="innerException">The last attempt's failure.</param>
    /// <example><code>throw new KrytenPublishException("kryten.robot.command", 3, new IOException("connection reset"));</code></example>
    public KrytenPublishException(string subject, int attempts, Exception innerException)
        : base($"Publishing to '{subject}' failed after {attempts} attempt(s): {innerException.Message}", innerException)
    {
        Subject = subject;
        Attempts = attempts;
    }

    /// <summary>The subject that could not be published to.</summary>
    public string Subject { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>The server reported that nobody listens on the request subject (e.g. no bridge is running).</summary>
/// <example>
/// <code>
/// try { await client.PingAsync(); }
/// catch (KrytenNoRespondersException) { Console.WriteLine("is the Kryten bridge running?"); }
/// </code>
/// </example>
public sealed class KrytenNoRespondersException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The request subject nobody listens on.</param>
    /// <param name="innerException">The transport's exception, if any.</param>
    /// <example><code>throw new KrytenNoRespondersException("kryten.robot.command");   // e.g. in a test transport</code></example>
    public KrytenNoRespondersException(string subject, Exception? innerException = null)
        : base($"No responders on '{subject}'", innerException) => Subject = subject;

    /// <summary>The request subject.</summary>
    public string Subject { get; }
}

namespace Kryten.Sdk;

/// <summary>A channel, domain or event name does not make a valid NATS subject after the bridge's normalization.</summary>
/// <example>
/// <code>
/// try { string token = KrytenSubjects.NormalizeToken("..", "channel"); }
/// catch (KrytenSubjectException e) { Console.Error.WriteLine($"bad channel {e.Token}: {e.Message}"); }
/// </code>
/// </example>
public sealed class KrytenSubjectException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="token">The raw token that failed.</param>
    /// <param name="message">Why it failed.</param>
    /// <example><code>throw new KrytenSubjectException("..", "a channel token cannot be made of dots only");</code></example>
    public KrytenSubjectException(string token, string message) : base(message) => Token = token;

    /// <summary>The raw token that failed.</summary>
    public string Token { get; }
}

using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Testing;

/// <summary>
/// A lifecycle message a client published, exactly as on the wire: <c>kryten.lifecycle.{service}.{event}</c> and its
/// payload (<c>service</c>, <c>version</c>, <c>hostname</c>, <c>timestamp</c>, <c>uptime_seconds</c>, then
/// <c>metadata</c> and, on a shutdown, <c>reason</c>).
/// </summary>
/// <example>
/// <code>
/// var startup = await bus.WaitForLifecycleAsync("startup");
/// string service = startup.Service;                                           // "echobot"
/// string? version = startup.Payload.GetProperty("version").GetString();
/// </code>
/// </example>
public sealed class RecordedLifecycle
{
    internal RecordedLifecycle(string subject, byte[] body)
    {
        Subject = subject;
        Body = body;
        var tail = subject[(KrytenWire.LifecycleSubjectPrefix.Length + 1)..];
        var dot = tail.IndexOf('.', StringComparison.Ordinal);
        (Service, Event) = dot < 0 ? (tail, "") : (tail[..dot], tail[(dot + 1)..]);
        try
        {
            using var doc = JsonDocument.Parse(body);
            Payload = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            Payload = default;   // kept as Body; a test may check that a client never sends such a thing
        }
    }

    /// <summary>The subject, e.g. <c>kryten.lifecycle.echobot.startup</c>.</summary>
    public string Subject { get; }

    /// <summary>The service token of the subject, e.g. <c>echobot</c>.</summary>
    public string Service { get; }

    /// <summary>The event token of the subject: <c>startup</c>, <c>heartbeat</c>, <c>shutdown</c>, ...</summary>
    public string Event { get; }

    /// <summary>The exact payload bytes.</summary>
    public byte[] Body { get; }

    /// <summary>The payload bytes as text.</summary>
    public string Json => Encoding.UTF8.GetString(Body);

    /// <summary>The payload; <c>default</c> when it is not JSON.</summary>
    public JsonElement Payload { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Subject} {Json}";
}

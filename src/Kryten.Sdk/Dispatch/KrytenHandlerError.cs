namespace Kryten.Sdk;

/// <summary>What <see cref="KrytenClient.OnHandlerError"/> receives when a handler throws.</summary>
/// <param name="Handler">The handler, as <c>Type.Method</c> (or <c>lambda&lt;Record&gt;</c>).</param>
/// <param name="EventName">The CyTube event it was handling.</param>
/// <param name="Channel">The envelope's channel.</param>
/// <param name="CorrelationId">The envelope's correlation id.</param>
/// <param name="Exception">What the handler threw.</param>
/// <example><code>client.OnHandlerError = e => Console.Error.WriteLine($"{e.Handler} failed on {e.EventName}: {e.Exception.Message}");</code></example>
public sealed record KrytenHandlerError(string Handler, string EventName, string Channel, string CorrelationId, Exception Exception);

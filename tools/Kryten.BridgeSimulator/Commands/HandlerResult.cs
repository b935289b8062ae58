using Kryten.BridgeSimulator.Python;
using Kryten.Sdk;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// What one robot-handler method did: it returned the reply's <c>data</c> (<see cref="WriteData"/>), or it raised and
/// the reply is the error shape with the exception text (<see cref="Error"/>). Either way CyTube may have answered with
/// events first.
/// </summary>
internal sealed record HandlerResult
{
    public Action<PythonJsonWriter>? WriteData { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<PublishedEvent> Events { get; init; } = [];

    public string Summary { get; init; } = "";

    /// <summary>How long the bridge waited for a CyTube answer that never came.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary><c>system.shutdown</c>: the bridge shuts down gracefully this long after replying.</summary>
    public TimeSpan? ShutdownAfter { get; init; }

    public static HandlerResult Data(Action<PythonJsonWriter> writeData, string summary, IReadOnlyList<PublishedEvent>? events = null) =>
        new() { WriteData = writeData, Summary = summary, Events = events ?? [] };

    /// <summary><c>{"success": true}</c>, what most handlers return when the sender emitted.</summary>
    public static HandlerResult Success(string summary, IReadOnlyList<PublishedEvent>? events = null) =>
        Data(json => json.StartObject().Key(KrytenWire.ReplySuccess).Bool(true).EndObject(), summary, events);

    /// <summary><c>{"success": false, "error": ...}</c> inside a reply whose outer <c>success</c> is still true.</summary>
    public static HandlerResult Failure(string error, string summary) =>
        Data(json => json.StartObject().Key(KrytenWire.ReplySuccess).Bool(false).Key(KrytenWire.ReplyError).String(error).EndObject(), summary + " -> \"" + error + "\"");

    /// <summary>The handler raised: the reply is <c>{"service": "robot", "success": false, "error": ...}</c>.</summary>
    public static HandlerResult Raise(string error, string summary) => new() { Error = error, Summary = summary };
}

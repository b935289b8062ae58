using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Testing;

/// <summary>
/// A command exactly as the client put it on the wire: the subject, the raw request body, and its parts
/// (<c>command</c>, <c>args</c> or top-level keys, <c>meta</c>).
/// </summary>
/// <remarks>
/// <see cref="Command"/> and the keys of <see cref="Args"/> are the bridge's names, not the C# method and parameter
/// names, which are also not CyTube's: <c>SayAsync(message)</c> records <c>say</c> with <c>args.message</c> (CyTube's
/// frame says <c>msg</c>), <c>SendPrivateMessageAsync(username, message)</c> records <c>pm</c> with <c>args.username</c> and
/// <c>args.message</c> (CyTube's <c>to</c> and <c>msg</c>). Each generated method's docs name its bridge command; the
/// schema (<c>schema/commands/*.yaml</c>, each argument's <c>json</c>) lists the keys.
/// </remarks>
/// <example>
/// <code>
/// var say = bus.Commands.Single(c => c.Command == "say");
/// string? text = say.Args.GetProperty("message").GetString();      // "pong"
/// string? channel = say.Meta.GetProperty("channel").GetString();   // "420Grindhouse"
/// </code>
/// </example>
public sealed class RecordedCommand
{
    internal RecordedCommand(string subject, byte[] body, bool expectsReply)
    {
        Subject = subject;
        Body = body;
        ExpectsReply = expectsReply;
        using var doc = JsonDocument.Parse(body);
        Request = doc.RootElement.Clone();
        Command = Request.TryGetProperty(KrytenWire.RequestCommand, out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        Args = Request.TryGetProperty(KrytenWire.RequestArgs, out var a) ? a : default;
        Meta = Request.TryGetProperty(KrytenWire.RequestMeta, out var m) ? m : default;
    }

    /// <summary>The subject it was sent to (normally <c>kryten.robot.command</c>).</summary>
    public string Subject { get; }

    /// <summary>The exact request bytes.</summary>
    public byte[] Body { get; }

    /// <summary>The request bytes as text.</summary>
    public string Json => Encoding.UTF8.GetString(Body);

    /// <summary>The whole request object.</summary>
    public JsonElement Request { get; }

    /// <summary>The <c>command</c> string, as the bridge names it (e.g. <c>say</c>, <c>pm</c>, <c>addvideo</c>).</summary>
    public string Command { get; }

    /// <summary>
    /// The <c>args</c> object, keyed by the bridge's argument names (e.g. <c>message</c> for <c>say</c>, <c>username</c>
    /// and <c>message</c> for <c>pm</c>); <c>default</c> when the command puts its arguments at the top level.
    /// </summary>
    public JsonElement Args { get; }

    /// <summary>The <c>meta</c> object (source, timestamp, domain, channel, request_id, and caused_by when the command has one).</summary>
    public JsonElement Meta { get; }

    /// <summary>True when it was sent as a request (acknowledged form), false when fire-and-forget.</summary>
    public bool ExpectsReply { get; }

    /// <summary><c>meta.request_id</c>.</summary>
    public string RequestId => Meta.ValueKind == JsonValueKind.Object && Meta.TryGetProperty(KrytenWire.MetaRequestId, out var id) ? id.GetString() ?? "" : "";

    /// <summary><c>meta.caused_by</c>: the correlation id of the event the command answers (set by <c>ctx.Commands</c>), if any.</summary>
    public string? CausedBy => Meta.ValueKind == JsonValueKind.Object && Meta.TryGetProperty(KrytenWire.MetaCausedBy, out var id) ? id.GetString() : null;

    /// <inheritdoc/>
    public override string ToString() => $"{Subject} {Json}";
}

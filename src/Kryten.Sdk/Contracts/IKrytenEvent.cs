using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk;

/// <summary>
/// Implemented by every generated event record: ties the record to its CyTube event name, its generated JSON metadata
/// and its payload reader, so the runtime can route and read events without reflection.
/// </summary>
/// <typeparam name="TSelf">The event record itself.</typeparam>
/// <example>
/// <code>
/// using System.Text.Json;
///
/// string name = ChatMessage.CytubeEventName;          // "chatMsg"
/// var info = ChatMessage.JsonTypeInfo;                // generated, reflection-free
/// var msg = JsonSerializer.Deserialize("""{"username": "alice", "msg": "hi", "meta": {}, "time": 1786731943510}"""u8, info);
/// </code>
/// </example>
public interface IKrytenEvent<TSelf> where TSelf : class, IKrytenEvent<TSelf>
{
    /// <summary>The Socket.IO event name exactly as CyTube sends it (e.g. <c>chatMsg</c>).</summary>
    static abstract string CytubeEventName { get; }

    /// <summary>
    /// Where the events arrive from: CyTube through the bridge's envelope (the default), or a lifecycle subject, in which
    /// case <see cref="CytubeEventName"/> is the lifecycle name (e.g. <c>robot.startup</c>).
    /// </summary>
    static virtual KrytenEventSource EventSource => KrytenEventSource.Cytube;

    /// <summary>Generated JSON metadata that reads and writes the CyTube payload as this record.</summary>
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }

    /// <summary>
    /// Reads the record from the JSON value <paramref name="reader"/> is on (CyTube's payload shape), leaving the reader
    /// on the value's last token. Throws <see cref="JsonException"/> when the value does not have the record's shape.
    /// </summary>
    /// <param name="reader">A reader on the payload's first token.</param>
    /// <returns>The record.</returns>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}

using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk;

/// <summary>
/// Implemented by every generated event record: ties the record to its CyTube event name and its
/// generated JSON metadata, so the runtime can subscribe and parse without reflection.
/// </summary>
/// <typeparam name="TSelf">The event record itself.</typeparam>
/// <example>
/// <code>
/// string name = ChatMessage.CytubeEventName;          // "chatMsg"
/// var info = ChatMessage.JsonTypeInfo;                // generated, reflection-free
/// var msg = JsonSerializer.Deserialize(payloadUtf8, info);
/// </code>
/// </example>
public interface IKrytenEvent<TSelf> where TSelf : class, IKrytenEvent<TSelf>
{
    /// <summary>The Socket.IO event name exactly as CyTube sends it (e.g. <c>chatMsg</c>).</summary>
    static abstract string CytubeEventName { get; }

    /// <summary>Generated JSON metadata that reads the CyTube payload into this record.</summary>
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }
}

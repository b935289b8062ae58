namespace Kryten.Sdk;

/// <summary>
/// Marks a generated event record with the CyTube event it models. The handler generator reads it
/// from referenced assemblies to build dispatch tables.
/// </summary>
/// <example>
/// <code>
/// [KrytenEvent("chatMsg")]
/// public sealed partial record ChatMessage { /* generated */ }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class KrytenEventAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="cytubeEventName">The Socket.IO event name in CyTube's case.</param>
    public KrytenEventAttribute(string cytubeEventName) => CytubeEventName = cytubeEventName;

    /// <summary>The Socket.IO event name in CyTube's case.</summary>
    public string CytubeEventName { get; }
}

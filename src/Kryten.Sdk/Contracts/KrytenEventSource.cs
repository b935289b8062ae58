namespace Kryten.Sdk;

/// <summary>Where the events of a record arrive from, which decides how the client reads and routes them.</summary>
/// <example><code>bool fromEnvelopes = KrytenEventInfo.Of&lt;ChatMessage&gt;().Source == KrytenEventSource.Cytube;   // true</code></example>
public enum KrytenEventSource
{
    /// <summary>A CyTube event the bridge relays in its envelope on <c>kryten.events.cytube.{channel}.{event}</c>.</summary>
    Cytube,

    /// <summary>
    /// A lifecycle event published as flat JSON on <c>kryten.lifecycle.{service}.{event}</c> (the bridge's startup,
    /// connected, disconnected and shutdown, and <c>group.restart</c>); its record's name is that subject's tail.
    /// </summary>
    Lifecycle,
}

using Kryten.Sdk.Events;

namespace Kryten.Sdk.Dispatch;

/// <summary>Connects dispatch to the generated <c>Kryten.Sdk.Events.KrytenEventRegistry</c> (contract D).</summary>
internal static class GeneratedEventRegistry
{
    /// <summary>Reads every SDK event by its CyTube name; records registered with <see cref="KrytenClient.RegisterEvent{T}"/> take precedence.</summary>
    public static readonly RecordRegistry Records = new(
        static name => KrytenEventRegistry.TryGetByName(name, out var info) ? info.RecordType : null,
        KrytenEventRegistry.TryRead,
        KrytenEventRegistry.TryReadCanonical);
}

namespace Kryten.Sdk.Dispatch;

/// <summary>Connects dispatch to the generated <c>Kryten.Sdk.Events.KrytenEventRegistry</c> (contract D).</summary>
internal static class GeneratedEventRegistry
{
    /// <summary>Parses every SDK event by its CyTube name; records registered with <see cref="KrytenClient.RegisterEvent{T}"/> take precedence.</summary>
    public static readonly RegistryParser Parser = Kryten.Sdk.Events.KrytenEventRegistry.TryParse;
}

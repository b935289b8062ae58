namespace Kryten.Sdk.Dispatch;

/// <summary>Connects dispatch to the generated <c>Kryten.Sdk.Events.KrytenEventRegistry</c> (contract D).</summary>
internal static class GeneratedEventRegistry
{
    /// <summary>Null until the generated registry is part of the build; records registered with <see cref="KrytenClient.RegisterEvent{T}"/> work either way.</summary>
    public static RegistryParser? Parser => null;
}

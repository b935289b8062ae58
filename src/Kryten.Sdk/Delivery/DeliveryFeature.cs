using System.Diagnostics.CodeAnalysis;

namespace Kryten.Sdk.Delivery;

/// <summary>
/// Whether at-least-once delivery is part of this build. It is, unless the application sets the MSBuild property
/// <c>KrytenAtLeastOnceDelivery</c> to <c>false</c>: then a NativeAOT publish leaves JetStream out entirely (about
/// 0.8 MB of a bot's binary), and configuring <see cref="KrytenDelivery.AtLeastOnce"/> is a configuration error.
/// </summary>
internal static class DeliveryFeature
{
    public const string SwitchName = "Kryten.Sdk.AtLeastOnceDelivery";

    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsAtLeastOnceSupported => !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;
}

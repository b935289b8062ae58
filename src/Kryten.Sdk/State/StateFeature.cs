using System.Diagnostics.CodeAnalysis;

namespace Kryten.Sdk.State;

/// <summary>
/// Whether the robot state is part of this build. It is, unless the application sets the MSBuild property
/// <c>KrytenRobotState</c> to <c>false</c>: then a NativeAOT publish leaves the KV reader (and with it JetStream, when
/// at-least-once delivery is left out too) out of the binary, and <see cref="KrytenClient.ChannelState"/> throws.
/// </summary>
internal static class StateFeature
{
    public const string SwitchName = "Kryten.Sdk.RobotState";

    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported => !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;
}

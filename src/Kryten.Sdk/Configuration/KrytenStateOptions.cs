namespace Kryten.Sdk;

/// <summary>
/// The robot state (<see cref="KrytenClient.ChannelState"/>): the playlist, users, emotes and MOTD/CSS/JS the bridge
/// keeps in JetStream KV, read when the client connects and watched while it runs.
/// </summary>
/// <example>
/// <code>
/// options.State = new KrytenStateOptions { RetryInterval = TimeSpan.FromSeconds(5) };
/// options.State.Enabled = false;   // a bot that never asks for the channel's state reads no buckets
/// </code>
/// </example>
public sealed class KrytenStateOptions
{
    /// <summary>
    /// Read the channels' state (the default). When false, <see cref="KrytenClient.ChannelState"/> throws and no
    /// bucket is read. A NativeAOT bot can also leave the state out of its binary with the MSBuild property
    /// <c>KrytenRobotState</c> set to <c>false</c>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often a bucket that does not exist yet is looked for (JetStream announces a new bucket, which is picked up at
    /// once; this is the fallback), and the first wait after a failed read (doubling up to 30 s).
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one JetStream request (binding a bucket) and the bridge's user-level query may take.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public override string ToString() => Enabled ? $"{{ Enabled = True, RetryInterval = {RetryInterval}, ReadTimeout = {ReadTimeout} }}" : "{ Enabled = False }";
}

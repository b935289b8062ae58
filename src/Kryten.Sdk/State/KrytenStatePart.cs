namespace Kryten.Sdk;

/// <summary>One part of a channel's robot state, each one KV key the bridge writes (wire-contract §6.1).</summary>
/// <example><code>KrytenStateValue users = client.ChannelState("420Grindhouse").Snapshot[KrytenStatePart.Users];</code></example>
public enum KrytenStatePart
{
    /// <summary>The playlist in play order (<c>kryten_{channel}_playlist</c> key <c>items</c>).</summary>
    Playlist,

    /// <summary>The media playing, with its playlist uid when known (<c>kryten_{channel}_playlist</c> key <c>current</c>).</summary>
    Current,

    /// <summary>The users in the channel with their ranks (<c>kryten_{channel}_userlist</c> key <c>users</c>).</summary>
    Users,

    /// <summary>The channel's emotes (<c>kryten_{channel}_emotes</c> key <c>list</c>).</summary>
    Emotes,

    /// <summary>The message of the day, HTML (<c>kryten_{channel}_state</c> key <c>motd</c>).</summary>
    Motd,

    /// <summary>The channel's custom CSS (<c>kryten_{channel}_state</c> key <c>css</c>).</summary>
    Css,

    /// <summary>The channel's custom JavaScript (<c>kryten_{channel}_state</c> key <c>js</c>).</summary>
    Js,
}

/// <summary>What is known of one part of a channel's robot state.</summary>
/// <example><code>bool known = client.ChannelState("420Grindhouse").Snapshot.Css.Status == KrytenStateStatus.Present;</code></example>
public enum KrytenStateStatus
{
    /// <summary>Not read yet (the client is not connected, or the first read is under way).</summary>
    Loading,

    /// <summary>Read: the value is what the bridge last wrote (the empty string is a real value here).</summary>
    Present,

    /// <summary>Not there: the bucket or the key does not exist (see <see cref="KrytenStateReason"/>).</summary>
    Absent,

    /// <summary>Could not be read: JetStream is unavailable, timed out or failed, or the stored value is malformed.</summary>
    Failed,
}

/// <summary>Why a part of a channel's robot state is <see cref="KrytenStateStatus.Absent"/> or <see cref="KrytenStateStatus.Failed"/>.</summary>
/// <example><code>bool bridgeNotStarted = client.ChannelState("420Grindhouse").Snapshot.Users.Reason == KrytenStateReason.NoBucket;</code></example>
public enum KrytenStateReason
{
    /// <summary>The part is loading or present.</summary>
    None,

    /// <summary>Absent: the bucket does not exist, because the bridge has not run for this channel name yet. It is picked up when it appears.</summary>
    NoBucket,

    /// <summary>Absent: the bucket exists but the bridge has not written this key (for example no media has played yet), or deleted it.</summary>
    NoKey,

    /// <summary>Absent: the channel name cannot be a bucket name (<see cref="KrytenBuckets.CanHaveBuckets"/>), so the bridge keeps no state for it.</summary>
    InvalidChannelName,

    /// <summary>
    /// Absent: the client keeps no robot state (<see cref="KrytenStateOptions.Enabled"/> is false, the build left it out
    /// with <c>KrytenRobotState=false</c>, or the transport has no KV).
    /// </summary>
    Off,

    /// <summary>Failed: the NATS server or account has no JetStream.</summary>
    JetStreamUnavailable,

    /// <summary>Failed: JetStream did not answer within <see cref="KrytenStateOptions.ReadTimeout"/>.</summary>
    TimedOut,

    /// <summary>Failed: JetStream answered with an error, or the connection is gone.</summary>
    ReadFailed,

    /// <summary>Failed: the stored value does not have the shape the bridge writes (not JSON of the expected shape, or not UTF-8 text).</summary>
    Malformed,
}

namespace Kryten.Sdk;

/// <summary>
/// The names of the JetStream KV buckets the bridge writes for a channel (wire-contract §6.1):
/// <c>kryten_{channel}_playlist</c> (keys <c>items</c>, <c>current</c>), <c>kryten_{channel}_userlist</c> (<c>users</c>),
/// <c>kryten_{channel}_emotes</c> (<c>list</c>) and <c>kryten_{channel}_state</c> (<c>motd</c>, <c>css</c>, <c>js</c>).
/// <c>{channel}</c> is the bridge's configured channel raw: case kept, surrounding whitespace stripped, nothing
/// normalized, and the domain is not part of the name. The keys are <see cref="KrytenWire"/>'s <c>Kv…Key</c> constants.
/// </summary>
/// <example>
/// <code>
/// KrytenBuckets.Playlist("420Grindhouse");   // "kryten_420Grindhouse_playlist"
/// KrytenBuckets.AdminState(" Channel-Z ");   // "kryten_Channel-Z_state"
/// KrytenBuckets.CanHaveBuckets("Lounge Test");   // false: NATS bucket names allow letters, digits, - and _ only
/// </code>
/// </example>
public static class KrytenBuckets
{
    /// <summary>The playlist bucket: keys <see cref="KrytenWire.KvPlaylistItemsKey"/> and <see cref="KrytenWire.KvPlaylistCurrentKey"/>.</summary>
    /// <param name="channel">The bridge's channel as configured there.</param>
    /// <returns><c>kryten_{channel}_playlist</c>.</returns>
    /// <example><code>string bucket = KrytenBuckets.Playlist("420Grindhouse");</code></example>
    public static string Playlist(string channel) => Name(channel, KrytenWire.KvPlaylistBucketSuffix);

    /// <summary>The user list bucket: key <see cref="KrytenWire.KvUsersKey"/>.</summary>
    /// <param name="channel">The bridge's channel as configured there.</param>
    /// <returns><c>kryten_{channel}_userlist</c>.</returns>
    /// <example><code>string bucket = KrytenBuckets.Userlist("420Grindhouse");</code></example>
    public static string Userlist(string channel) => Name(channel, KrytenWire.KvUserlistBucketSuffix);

    /// <summary>The emote bucket: key <see cref="KrytenWire.KvEmotesKey"/>.</summary>
    /// <param name="channel">The bridge's channel as configured there.</param>
    /// <returns><c>kryten_{channel}_emotes</c>.</returns>
    /// <example><code>string bucket = KrytenBuckets.Emotes("420Grindhouse");</code></example>
    public static string Emotes(string channel) => Name(channel, KrytenWire.KvEmotesBucketSuffix);

    /// <summary>
    /// The admin state bucket (the bridge describes it as "admin state"): keys <see cref="KrytenWire.KvMotdKey"/>,
    /// <see cref="KrytenWire.KvCssKey"/> and <see cref="KrytenWire.KvJsKey"/>, raw UTF-8 text rather than JSON.
    /// </summary>
    /// <param name="channel">The bridge's channel as configured there.</param>
    /// <returns><c>kryten_{channel}_state</c>.</returns>
    /// <example><code>string bucket = KrytenBuckets.AdminState("420Grindhouse");</code></example>
    public static string AdminState(string channel) => Name(channel, KrytenWire.KvStateBucketSuffix);

    /// <summary>
    /// True when the channel's buckets can exist: NATS bucket names allow only ASCII letters, digits, <c>-</c> and
    /// <c>_</c>. The bridge cannot start for any other channel name (wire-contract §6.1), so it never has state.
    /// </summary>
    /// <param name="channel">The bridge's channel as configured there.</param>
    /// <example><code>bool ok = KrytenBuckets.CanHaveBuckets("420Grindhouse");   // true</code></example>
    public static bool CanHaveBuckets(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return IsBucketName(channel.Trim());
    }

    /// <summary>NATS's rule for bucket names: ASCII letters, digits, <c>-</c> and <c>_</c>.</summary>
    internal static bool IsBucketName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// True for a name of the bridge's bucket pattern (<c>kryten_{channel}_playlist</c>, <c>_userlist</c>,
    /// <c>_emotes</c>, <c>_state</c>), whatever the channel: a service must not create or write one.
    /// </summary>
    internal static bool IsRobotOwned(string bucket) =>
        bucket.StartsWith(KrytenWire.KvBucketPrefix, StringComparison.Ordinal)
        && RobotSuffixes.Any(suffix => bucket.Length > KrytenWire.KvBucketPrefix.Length + suffix.Length && bucket.EndsWith(suffix, StringComparison.Ordinal));

    private static readonly string[] RobotSuffixes =
        [KrytenWire.KvPlaylistBucketSuffix, KrytenWire.KvUserlistBucketSuffix, KrytenWire.KvEmotesBucketSuffix, KrytenWire.KvStateBucketSuffix];

    private static string Name(string channel, string suffix)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return KrytenWire.KvBucketPrefix + channel.Trim() + suffix;
    }
}

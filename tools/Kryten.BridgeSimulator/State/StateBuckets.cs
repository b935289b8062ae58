using System.Text.RegularExpressions;

namespace Kryten.BridgeSimulator.State;

/// <summary>The bridge's four KV buckets per channel (wire-contract §6.1).</summary>
internal enum StateBucket
{
    Emotes,
    Playlist,
    Userlist,
    State,
}

/// <summary>One full-overwrite <c>kv.put(key, value)</c> the bridge makes after a CyTube event.</summary>
internal sealed record StateWrite(StateBucket Bucket, string Key, byte[] Value);

/// <summary>
/// The bucket and key names and the creation settings the bridge's state manager uses: <c>kryten_{channel}_{kind}</c>
/// from the raw configured channel (case kept, not normalized), a description and a value size limit per bucket.
/// These literals live here only; nothing else in the simulator spells them.
/// </summary>
internal static partial class StateBuckets
{
    public const string EmotesList = "list";
    public const string PlaylistItems = "items";
    public const string PlaylistCurrent = "current";
    public const string UserlistUsers = "users";
    public const string StateMotd = "motd";
    public const string StateCss = "css";
    public const string StateJs = "js";

    private const int OneMiB = 1024 * 1024;

    public static IReadOnlyList<StateBucket> All { get; } = [StateBucket.Emotes, StateBucket.Playlist, StateBucket.Userlist, StateBucket.State];

    public static string Name(string channel, StateBucket bucket) => $"kryten_{channel}_{Suffix(bucket)}";

    public static string Description(string channel, StateBucket bucket) => bucket switch
    {
        StateBucket.Userlist => $"Kryten {channel} users",
        StateBucket.State => $"Kryten {channel} admin state",
        _ => $"Kryten {channel} {Suffix(bucket)}",
    };

    public static int MaxValueSize(StateBucket bucket) => bucket == StateBucket.Playlist ? 10 * OneMiB : OneMiB;

    /// <summary>nats-py's <c>VALID_BUCKET_RE</c>; a channel outside it gets no buckets (the bridge aborts, §6.1).</summary>
    public static bool IsValidName(string bucket) => ValidName().IsMatch(bucket);

    private static string Suffix(StateBucket bucket) => bucket switch
    {
        StateBucket.Emotes => "emotes",
        StateBucket.Playlist => "playlist",
        StateBucket.Userlist => "userlist",
        _ => "state",
    };

    [GeneratedRegex(@"\A[a-zA-Z0-9_-]+\z")]
    private static partial Regex ValidName();
}

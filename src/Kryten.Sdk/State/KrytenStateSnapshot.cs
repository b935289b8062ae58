using Kryten.Sdk.Events;

namespace Kryten.Sdk;

/// <summary>
/// A channel's robot state at one moment: every part as the bridge last wrote it, read together. Immutable; the live
/// view (<see cref="KrytenChannelState.Snapshot"/>) replaces its snapshot as a whole on every change, so what one
/// snapshot says is consistent however long it is kept. The records are CyTube's: <see cref="PlaylistItem"/>,
/// <see cref="MediaChanged"/>, <see cref="ChannelUser"/>, <see cref="Emote"/>.
/// </summary>
/// <example>
/// <code>
/// var state = client.ChannelState("420Grindhouse");
/// await state.WhenLoadedAsync(ct);
/// var now = state.Snapshot;
/// if (now.Playlist.TryGetValue(out var items) &amp;&amp; now.Current.TryGetValue(out var playing))
///     Console.WriteLine($"{items.Count} items; playing {playing.Title} (uid {playing.Uid})");
/// </code>
/// </example>
public sealed class KrytenStateSnapshot
{
    private readonly Dictionary<string, ChannelUser>? _usersByName;

    private KrytenStateSnapshot(
        string channel,
        KrytenStateValue<IReadOnlyList<PlaylistItem>> playlist,
        KrytenStateValue<MediaChanged> current,
        KrytenStateValue<IReadOnlyList<ChannelUser>> users,
        KrytenStateValue<IReadOnlyList<Emote>> emotes,
        KrytenStateValue<string> motd,
        KrytenStateValue<string> css,
        KrytenStateValue<string> js,
        Dictionary<string, ChannelUser>? usersByName)
    {
        Channel = channel;
        Playlist = playlist;
        Current = current;
        Users = users;
        Emotes = emotes;
        Motd = motd;
        Css = css;
        Js = js;
        _usersByName = usersByName;
    }

    /// <summary>The bridge's channel, raw.</summary>
    public string Channel { get; }

    /// <summary>The playlist in play order.</summary>
    public KrytenStateValue<IReadOnlyList<PlaylistItem>> Playlist { get; }

    /// <summary>
    /// The media playing: the last <c>changeMedia</c> payload, whose <see cref="MediaChanged.Uid"/> the bridge fills in
    /// when it knows the playlist item; absent until something has played.
    /// </summary>
    public KrytenStateValue<MediaChanged> Current { get; }

    /// <summary>The users in the channel, in the bridge's order, with their ranks.</summary>
    public KrytenStateValue<IReadOnlyList<ChannelUser>> Users { get; }

    /// <summary>The channel's emotes.</summary>
    public KrytenStateValue<IReadOnlyList<Emote>> Emotes { get; }

    /// <summary>The message of the day (HTML).</summary>
    public KrytenStateValue<string> Motd { get; }

    /// <summary>The channel's custom CSS; present and empty when the channel has none.</summary>
    public KrytenStateValue<string> Css { get; }

    /// <summary>The channel's custom JavaScript; present and empty when the channel has none.</summary>
    public KrytenStateValue<string> Js { get; }

    /// <summary>True once every part has had its first answer (present, absent or failed).</summary>
    public bool IsLoaded => Parts.All(p => p.Status != KrytenStateStatus.Loading);

    /// <summary>One part, untyped (its status and reason).</summary>
    /// <param name="part">The part.</param>
    public KrytenStateValue this[KrytenStatePart part] => part switch
    {
        KrytenStatePart.Playlist => Playlist,
        KrytenStatePart.Current => Current,
        KrytenStatePart.Users => Users,
        KrytenStatePart.Emotes => Emotes,
        KrytenStatePart.Motd => Motd,
        KrytenStatePart.Css => Css,
        KrytenStatePart.Js => Js,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a state part"),
    };

    /// <summary>
    /// The user with this name (CyTube names are unique regardless of case), or null when the user list does not
    /// have it. Throws <see cref="KrytenStateException"/> when the user list itself is not present: "not in the
    /// channel" and "cannot tell" are different answers.
    /// </summary>
    /// <param name="name">The CyTube name, e.g. a chat message's or PM's <c>username</c>.</param>
    /// <example><code>double? rank = client.ChannelState("420Grindhouse").Snapshot.FindUser("alice")?.Rank;</code></example>
    public ChannelUser? FindUser(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _ = Users.Value;   // throws unless the user list is present
        return _usersByName!.GetValueOrDefault(name);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Channel}: {string.Join(", ", Parts)}";

    private IEnumerable<KrytenStateValue> Parts => [Playlist, Current, Users, Emotes, Motd, Css, Js];

    internal static KrytenStateSnapshot Loading(string channel) => new(
        channel,
        KrytenStateValue<IReadOnlyList<PlaylistItem>>.NotPresent(channel, KrytenStatePart.Playlist, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        KrytenStateValue<MediaChanged>.NotPresent(channel, KrytenStatePart.Current, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        KrytenStateValue<IReadOnlyList<ChannelUser>>.NotPresent(channel, KrytenStatePart.Users, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        KrytenStateValue<IReadOnlyList<Emote>>.NotPresent(channel, KrytenStatePart.Emotes, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        KrytenStateValue<string>.NotPresent(channel, KrytenStatePart.Motd, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        KrytenStateValue<string>.NotPresent(channel, KrytenStatePart.Css, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        KrytenStateValue<string>.NotPresent(channel, KrytenStatePart.Js, KrytenStateStatus.Loading, KrytenStateReason.None, null, null),
        null);

    /// <summary>This snapshot with one part replaced (the value's <see cref="KrytenStateValue.Part"/> says which).</summary>
    internal KrytenStateSnapshot With(KrytenStateValue value) => value.Part switch
    {
        KrytenStatePart.Playlist => new(Channel, (KrytenStateValue<IReadOnlyList<PlaylistItem>>)value, Current, Users, Emotes, Motd, Css, Js, _usersByName),
        KrytenStatePart.Current => new(Channel, Playlist, (KrytenStateValue<MediaChanged>)value, Users, Emotes, Motd, Css, Js, _usersByName),
        KrytenStatePart.Users => WithUsers((KrytenStateValue<IReadOnlyList<ChannelUser>>)value),
        KrytenStatePart.Emotes => new(Channel, Playlist, Current, Users, (KrytenStateValue<IReadOnlyList<Emote>>)value, Motd, Css, Js, _usersByName),
        KrytenStatePart.Motd => new(Channel, Playlist, Current, Users, Emotes, (KrytenStateValue<string>)value, Css, Js, _usersByName),
        KrytenStatePart.Css => new(Channel, Playlist, Current, Users, Emotes, Motd, (KrytenStateValue<string>)value, Js, _usersByName),
        KrytenStatePart.Js => new(Channel, Playlist, Current, Users, Emotes, Motd, Css, (KrytenStateValue<string>)value, _usersByName),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Part, "not a state part"),
    };

    private KrytenStateSnapshot WithUsers(KrytenStateValue<IReadOnlyList<ChannelUser>> users) =>
        new(Channel, Playlist, Current, users, Emotes, Motd, Css, Js, users.TryGetValue(out var list) ? ByName(list) : null);

    // The bridge keeps one entry per name; should a name repeat anyway, the first entry wins, as a lookup in order would.
    private static Dictionary<string, ChannelUser> ByName(IReadOnlyList<ChannelUser> users)
    {
        var byName = new Dictionary<string, ChannelUser>(users.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var user in users) byName.TryAdd(user.Name, user);
        return byName;
    }
}

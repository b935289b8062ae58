using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Testing;

/// <summary>
/// What the simulated bridge keeps in JetStream KV for one channel (wire-contract §6.1), written the way the bridge
/// writes it: JSON arrays and objects for the playlist, media, users and emotes, raw UTF-8 text for the MOTD, CSS and
/// JS. Each method returns once the client's <see cref="KrytenChannelState"/> has applied the write.
/// </summary>
/// <example>
/// <code>
/// var seeded = bus.StateOf("test");
/// await seeded.SetUsersAsync([new ChannelUser { Name = "alice", Rank = 3 }]);
/// await seeded.SetCssAsync("");   // present and empty, as the bridge stores a channel without CSS
/// await seeded.RemoveAsync(KrytenStatePart.Js);
/// </code>
/// </example>
public sealed class InMemoryChannelState
{
    private readonly InMemoryKrytenBus _bus;

    internal InMemoryChannelState(InMemoryKrytenBus bus, string channel)
    {
        _bus = bus;
        Channel = channel;
    }

    /// <summary>The bridge's channel, raw.</summary>
    public string Channel { get; }

    /// <summary>Stores the playlist (<c>kryten_{channel}_playlist</c> key <c>items</c>).</summary>
    /// <param name="items">The items in play order.</param>
    /// <example><code>await bus.StateOf("test").SetPlaylistAsync([]);</code></example>
    public Task SetPlaylistAsync(IEnumerable<PlaylistItem> items) =>
        _bus.PutStateAsync(KrytenBuckets.Playlist(Channel), KrytenWire.KvPlaylistItemsKey, Array(items, KrytenJsonContext.Default.PlaylistItem));

    /// <summary>Stores the media playing (<c>kryten_{channel}_playlist</c> key <c>current</c>): a <c>changeMedia</c> payload with its uid.</summary>
    /// <param name="current">The media.</param>
    /// <example>
    /// <code>
    /// await bus.StateOf("test").SetCurrentAsync(new MediaChanged
    /// {
    ///     Id = "dQw4w9WgXcQ", Title = "Never Gonna Give You Up", Seconds = 212, Duration = "03:32", Type = "yt",
    ///     Meta = new MediaMeta(), CurrentTime = 0, Paused = false, Uid = 42,
    /// });
    /// </code>
    /// </example>
    public Task SetCurrentAsync(MediaChanged current) =>
        _bus.PutStateAsync(KrytenBuckets.Playlist(Channel), KrytenWire.KvPlaylistCurrentKey, JsonSerializer.SerializeToUtf8Bytes(current, KrytenJsonContext.Default.MediaChanged));

    /// <summary>Stores the user list with its ranks (<c>kryten_{channel}_userlist</c> key <c>users</c>).</summary>
    /// <param name="users">The users.</param>
    /// <example><code>await bus.StateOf("test").SetUsersAsync([new ChannelUser { Name = "alice", Rank = 3 }, new ChannelUser { Name = "bob", Rank = 1 }]);</code></example>
    public Task SetUsersAsync(IEnumerable<ChannelUser> users) =>
        _bus.PutStateAsync(KrytenBuckets.Userlist(Channel), KrytenWire.KvUsersKey, Array(users, KrytenJsonContext.Default.ChannelUser));

    /// <summary>Stores the emotes (<c>kryten_{channel}_emotes</c> key <c>list</c>).</summary>
    /// <param name="emotes">The emotes.</param>
    /// <example><code>await bus.StateOf("test").SetEmotesAsync([new Emote { Name = ":wave:", Image = "https://example.org/wave.gif", Source = ":wave:" }]);</code></example>
    public Task SetEmotesAsync(IEnumerable<Emote> emotes) =>
        _bus.PutStateAsync(KrytenBuckets.Emotes(Channel), KrytenWire.KvEmotesKey, Array(emotes, KrytenJsonContext.Default.Emote));

    /// <summary>Stores the MOTD (<c>kryten_{channel}_state</c> key <c>motd</c>, raw text).</summary>
    /// <param name="motd">The HTML.</param>
    /// <example><code>await bus.StateOf("test").SetMotdAsync("&lt;b&gt;welcome&lt;/b&gt;");</code></example>
    public Task SetMotdAsync(string motd) => SetTextAsync(KrytenWire.KvMotdKey, motd);

    /// <summary>Stores the channel CSS (<c>kryten_{channel}_state</c> key <c>css</c>, raw text; empty when the channel has none).</summary>
    /// <param name="css">The CSS.</param>
    /// <example><code>await bus.StateOf("test").SetCssAsync("body { color: #fff; }");</code></example>
    public Task SetCssAsync(string css) => SetTextAsync(KrytenWire.KvCssKey, css);

    /// <summary>Stores the channel JavaScript (<c>kryten_{channel}_state</c> key <c>js</c>, raw text).</summary>
    /// <param name="js">The JavaScript.</param>
    /// <example><code>await bus.StateOf("test").SetJsAsync("");</code></example>
    public Task SetJsAsync(string js) => SetTextAsync(KrytenWire.KvJsKey, js);

    /// <summary>Deletes a part's key, so that the part reads as absent (<see cref="KrytenStateReason.NoKey"/>).</summary>
    /// <param name="part">The part.</param>
    /// <example><code>await bus.StateOf("test").RemoveAsync(KrytenStatePart.Current);</code></example>
    public Task RemoveAsync(KrytenStatePart part) => part switch
    {
        KrytenStatePart.Playlist => _bus.DeleteStateAsync(KrytenBuckets.Playlist(Channel), KrytenWire.KvPlaylistItemsKey),
        KrytenStatePart.Current => _bus.DeleteStateAsync(KrytenBuckets.Playlist(Channel), KrytenWire.KvPlaylistCurrentKey),
        KrytenStatePart.Users => _bus.DeleteStateAsync(KrytenBuckets.Userlist(Channel), KrytenWire.KvUsersKey),
        KrytenStatePart.Emotes => _bus.DeleteStateAsync(KrytenBuckets.Emotes(Channel), KrytenWire.KvEmotesKey),
        KrytenStatePart.Motd => _bus.DeleteStateAsync(KrytenBuckets.AdminState(Channel), KrytenWire.KvMotdKey),
        KrytenStatePart.Css => _bus.DeleteStateAsync(KrytenBuckets.AdminState(Channel), KrytenWire.KvCssKey),
        KrytenStatePart.Js => _bus.DeleteStateAsync(KrytenBuckets.AdminState(Channel), KrytenWire.KvJsKey),
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a state part"),
    };

    private Task SetTextAsync(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _bus.PutStateAsync(KrytenBuckets.AdminState(Channel), key, Encoding.UTF8.GetBytes(text));
    }

    private static byte[] Array<T>(IEnumerable<T> items, JsonTypeInfo<T> info)
    {
        ArgumentNullException.ThrowIfNull(items);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items) JsonSerializer.Serialize(writer, item, info);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

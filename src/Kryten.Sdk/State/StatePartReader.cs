using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Serialization;

namespace Kryten.Sdk.State;

/// <summary>
/// Turns a stored KV value into its part, with the generated readers of CyTube's records: <c>items</c> is a
/// <c>playlist</c> payload, <c>current</c> a <c>changeMedia</c> payload, <c>list</c> an <c>emoteList</c> payload,
/// <c>users</c> an array of <see cref="ChannelUser"/>; <c>motd</c>, <c>css</c> and <c>js</c> are raw UTF-8 text
/// (wire-contract §6.1). A value of another shape is a <see cref="KrytenStateReason.Malformed"/> failure.
/// </summary>
internal static class StatePartReader
{
    // Invalid UTF-8 is a failure, not text with replacement characters that a caller could write back.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static KrytenStateValue Read(string channel, KrytenStatePart part, string where, ReadOnlySpan<byte> value, int maxDepth)
    {
        try
        {
            return part switch
            {
                KrytenStatePart.Playlist => KrytenStateValue<IReadOnlyList<PlaylistItem>>.Present(channel, part, ReadJson(value, maxDepth, static (ref r) => PlaylistReplaced.ReadJson(ref r).Items)),
                KrytenStatePart.Current => KrytenStateValue<MediaChanged>.Present(channel, part, ReadJson(value, maxDepth, MediaChanged.ReadJson)),
                KrytenStatePart.Users => KrytenStateValue<IReadOnlyList<ChannelUser>>.Present(channel, part, ReadJson(value, maxDepth,
                    static (ref r) => KrytenJsonReader.ReadList(ref r, static (ref item) => KrytenJsonContext.ChannelUserConverter.ReadValue(ref item)))),
                KrytenStatePart.Emotes => KrytenStateValue<IReadOnlyList<Emote>>.Present(channel, part, ReadJson(value, maxDepth, static (ref r) => EmoteList.ReadJson(ref r).Emotes)),
                _ => KrytenStateValue<string>.Present(channel, part, StrictUtf8.GetString(value)),
            };
        }
        catch (JsonException e)
        {
            return NotPresent(channel, part, KrytenStateReason.Malformed, $"{where} is not the JSON the bridge writes: {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            return NotPresent(channel, part, KrytenStateReason.Malformed, $"{where} is not UTF-8 text", e);
        }
    }

    /// <summary>A part that is absent or failed (the status follows from the reason).</summary>
    public static KrytenStateValue NotPresent(string channel, KrytenStatePart part, KrytenStateReason reason, string problem, Exception? cause = null)
    {
        var status = reason is KrytenStateReason.NoBucket or KrytenStateReason.NoKey or KrytenStateReason.InvalidChannelName
            ? KrytenStateStatus.Absent
            : KrytenStateStatus.Failed;
        return part switch
        {
            KrytenStatePart.Playlist => KrytenStateValue<IReadOnlyList<PlaylistItem>>.NotPresent(channel, part, status, reason, problem, cause),
            KrytenStatePart.Current => KrytenStateValue<MediaChanged>.NotPresent(channel, part, status, reason, problem, cause),
            KrytenStatePart.Users => KrytenStateValue<IReadOnlyList<ChannelUser>>.NotPresent(channel, part, status, reason, problem, cause),
            KrytenStatePart.Emotes => KrytenStateValue<IReadOnlyList<Emote>>.NotPresent(channel, part, status, reason, problem, cause),
            _ => KrytenStateValue<string>.NotPresent(channel, part, status, reason, problem, cause),
        };
    }

    private static T ReadJson<T>(ReadOnlySpan<byte> json, int maxDepth, KrytenJsonValueReader<T> read)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        KrytenJsonReader.Advance(ref reader);
        var value = read(ref reader);
        KrytenJsonReader.EnsureEnd(ref reader);
        return value;
    }
}

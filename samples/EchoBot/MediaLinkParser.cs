using System.Text.RegularExpressions;

namespace Kryten.Samples.EchoBot;

/// <summary>
/// Turns what a user pastes into chat into CyTube's (type, id) pair, following the web client's <c>parseMediaLink</c>
/// (cytube-catalog §4): the bridge and CyTube never parse URLs for the common providers, so a bot must.
/// </summary>
internal static partial class MediaLinkParser
{
    /// <summary>Parses a media URL or a <c>xx:id</c> shorthand; false when it names nothing CyTube can queue.</summary>
    public static bool TryParse(string? input, out MediaLink link)
    {
        link = default;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) return false;

        if (Shorthand().Match(text) is { Success: true } shorthand)
        {
            link = new MediaLink(shorthand.Groups[1].Value, shorthand.Groups[2].Value);
            return true;
        }
        if (text.StartsWith("rtmp://", StringComparison.OrdinalIgnoreCase))
        {
            link = new MediaLink("rt", text);
            return true;
        }

        // Users paste "youtu.be/x" without a scheme; the web client treats that as https.
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return false;

        var host = HostWithoutPrefix(uri);
        var found = FromPath(uri) ?? FromHost(uri, host, Segments(uri));
        // A raw file link is anything on https, except a provider page the rules above did not recognise.
        if (found is null && uri.Scheme == Uri.UriSchemeHttps && !ProviderHosts.Contains(host)) found = new MediaLink("fi", uri.OriginalString);
        if (found is not { } value) return false;
        link = value;
        return true;
    }

    // Manifests and streams are recognised by their file extension on any host.
    private static MediaLink? FromPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase))
            return uri.Scheme == Uri.UriSchemeHttps ? new MediaLink("hl", uri.OriginalString) : null;
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return uri.Scheme == Uri.UriSchemeHttps ? new MediaLink("cm", uri.OriginalString) : null;
        return null;
    }

    private static readonly HashSet<string> ProviderHosts =
    [
        "youtube.com", "music.youtube.com", "youtu.be", "clips.twitch.tv", "twitch.tv", "livestream.com", "vimeo.com",
        "player.vimeo.com", "dailymotion.com", "dai.ly", "soundcloud.com", "streamable.com", "docs.google.com",
        "drive.google.com", "bitchute.com", "nicovideo.jp", "odysee.com",
    ];

    private static string HostWithoutPrefix(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        if (host.StartsWith("m.", StringComparison.Ordinal)) host = host[2..];
        return host;
    }

    private static MediaLink? FromHost(Uri uri, string host, string[] s)
    {
        switch (host)
        {
            case "youtube.com" or "music.youtube.com":
                if (Query(uri, "v") is { } v) return new MediaLink("yt", v);
                if (s is ["shorts" or "embed" or "live", var shortId, ..]) return new MediaLink("yt", shortId);
                if (s is ["playlist", ..] && Query(uri, "list") is { } list) return new MediaLink("yp", list);
                return null;
            case "youtu.be":
                return s is [var ytId, ..] ? new MediaLink("yt", ytId) : null;
            case "clips.twitch.tv":
                return s is [var clip, ..] ? new MediaLink("tc", clip) : null;
            case "twitch.tv":
                return s switch
                {
                    ["videos", var vod, ..] when vod.All(char.IsAsciiDigit) => new MediaLink("tv", "v" + vod),
                    [_, "clip", var slug, ..] => new MediaLink("tc", slug),
                    [var channel, ..] => new MediaLink("tw", channel),
                    _ => null,
                };
            case "livestream.com":
                return s is ["accounts", var account, "events", var evt, ..] ? new MediaLink("li", account + ";" + evt) : null;
            case "vimeo.com" or "player.vimeo.com":
                return s.FirstOrDefault(seg => seg.All(char.IsAsciiDigit)) is { } vimeoId ? new MediaLink("vi", vimeoId) : null;
            case "dailymotion.com":
                return s is ["video", var dm, ..] ? new MediaLink("dm", dm.Split('_')[0]) : null;
            case "dai.ly":
                return s is [var shortDm, ..] ? new MediaLink("dm", shortDm) : null;
            case "soundcloud.com":
                return s.Length > 0 ? new MediaLink("sc", uri.OriginalString) : null;
            case "streamable.com":
                return s is [var sb, ..] ? new MediaLink("sb", sb) : null;
            case "docs.google.com" or "drive.google.com":
                if (s is ["file", "d", var file, ..]) return new MediaLink("gd", file);
                return s is ["open", ..] && Query(uri, "id") is { } gd ? new MediaLink("gd", gd) : null;
            case "bitchute.com":
                return s is ["video", var bc, ..] ? new MediaLink("bc", bc) : null;
            case "nicovideo.jp":
                return s is ["watch", var nv, ..] ? new MediaLink("nv", nv) : null;
            case "odysee.com":
                return s is [var user, var video, ..] && user.StartsWith('@')
                    ? new MediaLink("od", user[1..].Split(':')[0] + ";" + video.Split(':')[0])
                    : null;
        }

        if (host.EndsWith(".bandcamp.com", StringComparison.Ordinal) && s is ["track", var track, ..])
            return new MediaLink("bn", host[..^".bandcamp.com".Length] + ";" + track);
        if (s is ["w", var peerShort, ..]) return new MediaLink("pt", host + ";" + peerShort);
        if (s is ["videos", "watch", var peerUuid, ..]) return new MediaLink("pt", host + ";" + peerUuid);
        return null;
    }

    private static string[] Segments(Uri uri) =>
        uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Query(Uri uri, string key)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(key) && eq < pair.Length - 1)
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    [GeneratedRegex("^([a-z]{2}):(.+)$", RegexOptions.Singleline)]
    private static partial Regex Shorthand();
}

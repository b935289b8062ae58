using Kryten.Samples.EchoBot;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

public sealed class MediaLinkParserTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "yt", "dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/watch?list=PL1&v=dQw4w9WgXcQ&t=42", "yt", "dQw4w9WgXcQ")]
    [InlineData("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "yt", "dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?t=10", "yt", "dQw4w9WgXcQ")]
    [InlineData("youtu.be/dQw4w9WgXcQ", "yt", "dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/shorts/abcdefghijk", "yt", "abcdefghijk")]
    [InlineData("https://www.youtube.com/playlist?list=PLrEnWoR732-BHrPp_Pm8_VleD68f9s14-", "yp", "PLrEnWoR732-BHrPp_Pm8_VleD68f9s14-")]
    [InlineData("https://vimeo.com/76979871", "vi", "76979871")]
    [InlineData("https://vimeo.com/channels/staffpicks/76979871", "vi", "76979871")]
    [InlineData("https://www.dailymotion.com/video/x7tgad0_heat-bank-scene", "dm", "x7tgad0")]
    [InlineData("https://dai.ly/x7tgad0", "dm", "x7tgad0")]
    [InlineData("https://soundcloud.com/a/b", "sc", "https://soundcloud.com/a/b")]
    [InlineData("https://www.twitch.tv/shroud", "tw", "shroud")]
    [InlineData("https://www.twitch.tv/videos/1234567890", "tv", "v1234567890")]
    [InlineData("https://www.twitch.tv/shroud/clip/AwkwardHelplessSalamander", "tc", "AwkwardHelplessSalamander")]
    [InlineData("https://clips.twitch.tv/AwkwardHelplessSalamander", "tc", "AwkwardHelplessSalamander")]
    [InlineData("https://livestream.com/accounts/4324142/events/5296468", "li", "4324142;5296468")]
    [InlineData("https://streamable.com/moo", "sb", "moo")]
    [InlineData("https://drive.google.com/file/d/1A2b3C4d5E6f7G8h9I0j/view", "gd", "1A2b3C4d5E6f7G8h9I0j")]
    [InlineData("https://drive.google.com/open?id=1A2b3C4d5E6f7G8h9I0j", "gd", "1A2b3C4d5E6f7G8h9I0j")]
    [InlineData("https://www.bitchute.com/video/UGlrF9o9b-Q/", "bc", "UGlrF9o9b-Q")]
    [InlineData("https://www.nicovideo.jp/watch/sm9", "nv", "sm9")]
    [InlineData("https://odysee.com/@SomeChannel:a/some-video:b", "od", "SomeChannel;some-video")]
    [InlineData("https://artist.bandcamp.com/track/some-track", "bn", "artist;some-track")]
    [InlineData("https://framatube.org/w/9c9de5e8", "pt", "framatube.org;9c9de5e8")]
    [InlineData("https://framatube.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d", "pt", "framatube.org;9c9de5e8-0a1e-484a-b099-e80766180a6d")]
    [InlineData("https://example.com/live/stream.m3u8", "hl", "https://example.com/live/stream.m3u8")]
    [InlineData("https://example.com/movie.json", "cm", "https://example.com/movie.json")]
    [InlineData("https://example.com/a.mp4?sig=1", "fi", "https://example.com/a.mp4?sig=1")]
    [InlineData("rtmp://example.com/live/key", "rt", "rtmp://example.com/live/key")]
    [InlineData("yt:dQw4w9WgXcQ", "yt", "dQw4w9WgXcQ")]
    [InlineData("  dm:x7tgad0  ", "dm", "x7tgad0")]
    public void Recognises_provider_links(string input, string type, string id)
    {
        MediaLinkParser.TryParse(input, out var link).ShouldBeTrue();
        link.ShouldBe(new MediaLink(type, id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url at all")]
    [InlineData("http://example.com/a.mp4")]
    [InlineData("http://example.com/live.m3u8")]
    [InlineData("ftp://example.com/a.mp4")]
    [InlineData("https://www.youtube.com/feed/trending")]
    [InlineData("https://vimeo.com/about")]
    public void Refuses_what_cytube_cannot_queue(string? input)
    {
        MediaLinkParser.TryParse(input, out _).ShouldBeFalse();
    }
}

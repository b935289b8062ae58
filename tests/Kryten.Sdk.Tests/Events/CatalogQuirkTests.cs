using Kryten.Sdk.Tests.Support;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Tests.Events;

/// <summary>
/// Payload variants the catalog documents but the public vectors do not show (the held-out set has more variants):
/// each is parsed through the registry and compared with the values a typed event must expose, using the same
/// conventions as expect.typed.
/// </summary>
public sealed class CatalogQuirkTests
{
    public static TheoryData<string, string, string> Variants => new()
    {
        // §1.1 login: DB error values are not strings; the string view is null, the raw value is kept.
        { "login", """{"success":false,"error":{"code":"ER_LOCK"}}""", """{"success":false,"error":null,"errorJson":{"code":"ER_LOCK"},"name":null,"guest":null}""" },
        { "login", """{"success":true,"name":"Alice"}""", """{"success":true,"name":"Alice","guest":null,"error":null}""" },
        // §1.1 errorMsg: msg can be a serialized error object; alert and code when present.
        { "errorMsg", """{"msg":{"name":"Error"}}""", """{"msg":null,"msgJson":{"name":"Error"},"alert":false,"code":null}""" },
        { "errorMsg", """{"msg":"Too many requests","alert":true,"code":"REQ_PLAYLIST_LIMIT_REACHED"}""", """{"msg":"Too many requests","alert":true,"code":"REQ_PLAYLIST_LIMIT_REACHED"}""" },
        // §1.1 cooldown is 1000 / sustained, fractional for a sustained rate of 3.
        { "cooldown", "333.3333333333333", """{"cooldownMs":333.3333333333333}""" },
        // §1.2 setUserRank for an offline target leaks the promoter's rank; leader rank 1.5.
        { "setUserRank", """{"name":"bob","rank":1.5,"userrank":4}""", """{"name":"bob","rank":1.5,"userrank":4}""" },
        // §1.2 setLeader "" removes leadership.
        { "setLeader", "\"\"", """{"name":"","hasLeader":false}""" },
        // §0b sadmin view of a user: real address.
        { "setUserMeta", """{"name":"bob","meta":{"afk":false,"muted":true,"smuted":false,"aliases":["bob"],"ip":"203.0.113.7"}}""", """{"name":"bob","afk":false,"muted":true,"smuted":false,"aliases":["bob"],"ip":"203.0.113.7"}""" },
        // §0b chat meta: /me action, server notice, forks' unknown keys are kept aside.
        { "chatMsg", """{"username":"[server]","msg":"bob was kicked","meta":{"addClass":"server-whisper","addClassToNameAndTimestamp":true,"action":true,"custom":1},"time":0}""", """{"username":"[server]","addClass":"server-whisper","addClassToNameAndTimestamp":true,"action":true,"timeMs":0,"timeUtc":"1970-01-01T00:00:00.000Z","meta":{"custom":1}}""" },
        // §1.4 queueFail: link null and id absent (internal error), id false.
        { "queueFail", """{"msg":"Internal error occurred when loading playlist.","link":null}""", """{"msg":"Internal error occurred when loading playlist.","link":null,"id":null,"idJson":null}""" },
        { "queueFail", """{"msg":"Unknown media type 'xx'","link":"","id":false}""", """{"msg":"Unknown media type 'xx'","link":"","id":null,"idJson":false}""" },
        // §1.4 moveVideo: after may be a numeric string or "append"; queue after a uid.
        { "moveVideo", """{"from":18,"after":"17"}""", """{"from":18,"after":"17","afterUid":17,"prepend":false,"append":false}""" },
        { "moveVideo", """{"from":18,"after":"append"}""", """{"from":18,"after":"append","afterUid":null,"prepend":false,"append":true}""" },
        { "moveVideo", """{"from":18,"after":21}""", """{"from":18,"after":21,"afterUid":21,"prepend":false,"append":false}""" },
        // §0b media meta keys (fi codec/bitrate, yt restricted, cm direct/textTracks/thumbnail).
        { "changeMedia", """{"id":"x","title":"t","seconds":0,"duration":"--:--","type":"cm","meta":{"restricted":["DE"],"thumbnail":"https://t/x.png","direct":{"720":[{"link":"https://c/x.mp4","contentType":"video/mp4"}]},"textTracks":[{"url":"https://c/x.vtt","contentType":"text/vtt","name":"en"}]},"currentTime":-3,"paused":true}""", """{"type":"cm","seconds":0,"currentTime":-3,"paused":true,"uid":null,"meta":{"restricted":["DE"],"thumbnail":"https://t/x.png","direct":{"720":[{"link":"https://c/x.mp4","contentType":"video/mp4"}]},"textTracks":[{"url":"https://c/x.vtt","contentType":"text/vtt","name":"en"}],"codec":null,"bitrate":null}}""" },
        // §1.5 hidden counts as seen with viewhiddenpoll.
        { "updatePoll", """{"title":"t","options":["a"],"counts":["3?"],"initiator":"alice","timestamp":1700000000000}""", """{"counts":["3?"],"countsHidden":true,"timestampMs":1700000000000,"timestampUtc":"2023-11-14T22:13:20.000Z"}""" },
        // §0b ChannelOpts: a password string, numeric-string delays.
        { "channelOpts", ChannelOpts("\"hunter2\"", "\"10\""), """{"password":"hunter2","hasPassword":true,"passwordText":"hunter2","new_user_chat_delay":"10","new_user_chat_link_delay":0}""" },
        { "channelOpts", ChannelOpts("false", "0"), """{"password":false,"hasPassword":false,"passwordText":null,"new_user_chat_delay":0}""" },
        // §1.6 setPermissions of an unregistered channel (fewer keys).
        { "setPermissions", """{"seeplaylist":-1,"playlistadd":1.5}""", """{"count":2,"permissions":{"seeplaylist":-1,"playlistadd":1.5}}""" },
        // §1.6 removeEmote / deleteChatFilter echo at least the name.
        { "removeEmote", """{"name":":wave:"}""", """{"name":":wave:","image":null,"source":null}""" },
        { "deleteChatFilter", """{"name":"bold"}""", """{"name":"bold"}""" },
        // §1.1 partitionChange with an IPv6 server.
        { "partitionChange", """{"servers":[{"url":"https://[::1]:443","secure":true,"ipv6":true}]}""", """{"servers":[{"url":"https://[::1]:443","secure":true,"ipv6":true}]}""" },
        // §1.7 readChanLog failure.
        { "readChanLog", """{"success":false,"data":"Channel log is only available to registered channels."}""", """{"success":false,"data":"Channel log is only available to registered channels."}""" },
        // §1.8 YouTube search results: meta stays an object, thumb URL exposed, no channel.
        { "searchResults", """{"source":"yt","results":[{"id":"dQw4w9WgXcQ","title":"Rick","seconds":212,"duration":"03:32","type":"yt","meta":{"restricted":["DE"]},"currentTime":0,"paused":false,"thumb":{"url":"https://i.ytimg.com/vi/dQw4w9WgXcQ/default.jpg"}}]}""", """{"source":"yt","count":1,"results":[{"id":"dQw4w9WgXcQ","channel":null,"meta":{"restricted":["DE"]},"metaRaw":null,"currentTime":0,"paused":false,"thumbUrl":"https://i.ytimg.com/vi/dQw4w9WgXcQ/default.jpg"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Documented_variant_parses_with_the_expected_values(string eventName, string payload, string expected)
    {
        Records.TryParse(eventName, Encoding.UTF8.GetBytes(payload), out var evt).ShouldBeTrue();
        using var expectation = JsonDocument.Parse(expected);
        TypedExpectation.AssertMatches(expectation.RootElement, evt);
    }

    private static string ChannelOpts(string password, string newUserChatDelay) =>
        $$"""
        {"allow_voteskip":true,"voteskip_ratio":0.5,"afk_timeout":600,"pagetitle":"x","maxlength":0,"externalcss":"","externaljs":"",
         "chat_antiflood":false,"chat_antiflood_params":{"burst":4,"sustained":1,"cooldown":4},"show_public":false,"enable_link_regex":true,
         "password":{{password}},"allow_dupes":false,"torbanned":false,"block_anonymous_users":false,"allow_ascii_control":false,
         "playlist_max_per_user":0,"new_user_chat_delay":{{newUserChatDelay}},"new_user_chat_link_delay":0,"playlist_max_duration_per_user":0}
        """;
}

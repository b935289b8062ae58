using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Services;
using Kryten.Sdk.Testing;

namespace Kryten.Sdk.Tests.Services;

/// <summary>
/// The SDK's ModeratorClient and UserstatsClient against stand-ins that answer byte for byte as services.md shows the
/// Python services answering: every command's reply reads into its typed data, and requests are the flat form the
/// services read.
/// </summary>
public sealed class EcosystemClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(MockKrytenClient Mock, IAsyncDisposable StandIn, ConcurrentQueue<JsonElement> Requests)> StandInAsync(string service, IReadOnlyDictionary<string, string> replies, Func<JsonElement, string?>? answer = null)
    {
        var mock = await MockKrytenClient.StartAsync(o => o.Channels.Clear());
        var requests = new ConcurrentQueue<JsonElement>();
        var standIn = await mock.Client.SubscribeAsync($"kryten.{service}.command", (message, ct) =>
        {
            var request = JsonDocument.Parse(message.Data).RootElement.Clone();
            requests.Enqueue(request);
            var reply = answer?.Invoke(request) ?? replies[request.GetProperty("command").GetString()!];
            return mock.Client.PublishAsync(message.ReplyTo!, Encoding.UTF8.GetBytes(reply), ct);
        }, Ct);
        return (mock, standIn, requests);
    }

    [Fact]
    public async Task Every_moderator_command_reads_the_services_reply()
    {
        var (mock, standIn, requests) = await StandInAsync("moderator", StandInReplies.Moderator);
        await using var _m = mock;
        await using var _s = standIn;
        var moderator = new ModeratorClient(mock.Client);

        (await moderator.PingAsync(cancellationToken: Ct)).MetricsEndpoint.ShouldBe("http://localhost:28284/metrics");
        (await moderator.GetHealthAsync(cancellationToken: Ct)).Status.ShouldBe("healthy");
        (await moderator.GetStatsAsync(cancellationToken: Ct)).CommandsProcessed.ShouldBe(8);
        var added = await moderator.AddEntryAsync("420Grindhouse", "BadUser", "ban", reason: "spamming", moderator: "admin", cancellationToken: Ct);
        (added.Username, added.Reason, added.Domain).ShouldBe(("BadUser", "spamming", "cytu.be"));
        (await moderator.RemoveEntryAsync("420Grindhouse", "BADUSER", cancellationToken: Ct)).Removed.ShouldBeTrue();
        var entry = await moderator.GetEntryAsync("420Grindhouse", "BadUser", cancellationToken: Ct);
        (entry.Moderated, entry.Action, entry.Ips!.Count, entry.PatternMatch).ShouldBe((true, "ban", 0, null));
        (await moderator.ListEntriesAsync("420Grindhouse", cancellationToken: Ct)).Entries.ShouldHaveSingleItem().Moderator.ShouldBe("admin");
        (await moderator.AddPatternAsync("420Grindhouse", "1488", isRegex: false, cancellationToken: Ct)).IsRegex.ValueKind.ShouldBe(JsonValueKind.False);
        (await moderator.RemovePatternAsync("420Grindhouse", "1488", cancellationToken: Ct)).Removed.ShouldBeTrue();
        (await moderator.ListPatternsAsync("420Grindhouse", cancellationToken: Ct)).Patterns.ShouldHaveSingleItem().Description.ShouldBe("Nazi hate symbol");
        var recent = await moderator.GetRecentUsersAsync("420Grindhouse", windowMinutes: 60, cancellationToken: Ct);
        recent.Users.ShouldHaveSingleItem().Sessions.ShouldHaveSingleItem().DurationSeconds.ShouldBeNull();

        requests.Count.ShouldBe(11);
        var first = requests.First(r => r.GetProperty("command").GetString() == "entry.add");
        first.EnumerateObject().Select(p => p.Name).ShouldBe(["service", "command", "channel", "username", "action", "reason", "moderator", "meta"]);
        first.GetProperty("service").GetString().ShouldBe("moderator");
    }

    [Fact]
    public async Task A_moderator_failure_is_the_services_text_without_a_code()
    {
        var (mock, standIn, _) = await StandInAsync("moderator", StandInReplies.Moderator,
            _ => """{"service": "moderator", "command": "entry.remove", "success": false, "error": "User 'nobody' not in moderation list for 420Grindhouse"}""");
        await using var _m = mock;
        await using var _s = standIn;

        var e = await Should.ThrowAsync<KrytenServiceException>(() => new ModeratorClient(mock.Client).RemoveEntryAsync("420Grindhouse", "nobody", cancellationToken: Ct).AsTask());

        e.ServiceError.ShouldBe("User 'nobody' not in moderation list for 420Grindhouse");
        e.ErrorCode.ShouldBeNull();
    }

    [Fact]
    public async Task Every_userstats_command_reads_the_services_reply()
    {
        var (mock, standIn, requests) = await StandInAsync("userstats", StandInReplies.Userstats);
        await using var _m = mock;
        await using var _s = standIn;
        var stats = new UserstatsClient(mock.Client);
        const string Chan = "420Grindhouse";

        (await stats.GetUserStatsAsync("alice", Chan, cancellationToken: Ct)).Activity!.NotAfkTimeSeconds.ShouldBe(6500);
        (await stats.GetUserProfileAsync("alice", Chan, cancellationToken: Ct)).Activity.ValueKind.ShouldBe(JsonValueKind.Object);
        (await stats.GetUserMessagesAsync("alice", cancellationToken: Ct)).Channels!.Count.ShouldBe(2);
        (await stats.GetUserActivityAsync("bob", Chan, cancellationToken: Ct)).Activity.ShouldBeNull();
        (await stats.GetUserKudosAsync("bob", cancellationToken: Ct)).Phrases.ShouldHaveSingleItem().Phrase.ShouldBe("lol");
        (await stats.GetGlobalStatsAsync(Chan, cancellationToken: Ct)).Population.Current!.ConnectedCount.ShouldBe(15);
        (await stats.GetTopUsersAsync(Chan, 5, cancellationToken: Ct)).TopUsers.Count.ShouldBe(2);
        (await stats.GetPopulationAsync(Chan, cancellationToken: Ct)).Channel.ShouldBe(Chan);
        (await stats.GetMediaHistoryAsync(Chan, cancellationToken: Ct)).History.ShouldHaveSingleItem().MediaId.ShouldBe("dQw4w9WgXcQ");
        (await stats.GetMessageLeaderboardAsync(Chan, cancellationToken: Ct)).Leaderboard[0].Username.ShouldBe("alice");
        (await stats.GetKudosLeaderboardAsync(cancellationToken: Ct)).Leaderboard.ShouldHaveSingleItem().Count.ShouldBe(2);
        (await stats.GetEmoteLeaderboardAsync(cancellationToken: Ct)).Leaderboard.ShouldHaveSingleItem().Emote.ShouldBe("Kappa");
        (await stats.PingAsync(cancellationToken: Ct)).Version.ShouldBe("0.7.1");
        (await stats.GetHealthAsync(cancellationToken: Ct)).DatabaseConnected.ShouldBeTrue();
        (await stats.GetStatsAsync(cancellationToken: Ct)).ActiveSessions.ShouldBe(0);
        (await stats.GetWatermarksAsync(Chan, cancellationToken: Ct)).High!.TotalUsers.ShouldBe(15);
        var votes = await stats.GetMovieVotesAsync(Chan, cancellationToken: Ct);
        votes.EnumerateArray().Select(v => v.Deserialize(global::Kryten.Sdk.Events.KrytenJsonContext.Default.UserstatsMovieVotes)!).ShouldHaveSingleItem().Score.ShouldBe(1);
        (await stats.GetMessageTimeseriesAsync(Chan, cancellationToken: Ct)).Data.ShouldHaveSingleItem().AvgActiveUsers.ShouldBe(15.0);
        (await stats.GetKudosTimeseriesAsync(cancellationToken: Ct)).Data.ShouldBeEmpty();
        var all = await stats.GetAllStatsAsync(limits: new UserstatsLimits { TopUsers = 5, MediaHistory = 5, Leaderboards = 5 }, cancellationToken: Ct);
        (all.Domain, all.System.Stats.CommandsProcessed, all.Channel.MovieVotes.ShouldHaveSingleItem().LastVote).ShouldBe(("cytu.be", 36L, "2026-12-06T23:47:02.018147+00:00"));
        (await stats.ListAliasesAsync(cancellationToken: Ct)).Aliases["alice"].ShouldBe(["ali"]);
        (await stats.GetAliasesAsync("alice", cancellationToken: Ct)).Count.ShouldBe(1);
        var add = await stats.AddAliasAsync("bob", "al", cancellationToken: Ct);
        (add.Added, add.Message).ShouldBe((false, "Alias 'al' is already assigned to user 'alice'"));
        (await stats.DeleteAliasAsync("alice", "AL", cancellationToken: Ct)).Deleted.ShouldBeTrue();
        (await stats.UpdateAliasAsync("ali", "Alicia", cancellationToken: Ct)).NewAlias.ShouldBe("Alicia");
        (await stats.FindAliasAsync("ALICIA", cancellationToken: Ct)).Username.ShouldBe("alice");

        requests.Select(r => r.GetProperty("command").GetString()).Distinct().Count().ShouldBe(26);
        var allStats = requests.Single(r => r.GetProperty("command").GetString() == "channel.all_stats");
        allStats.GetProperty("limits").GetRawText().ShouldBe("""{"top_users":5,"media_history":5,"leaderboards":5}""");
        allStats.TryGetProperty("channel", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"service": "userstats", "command": "channel.movie_votes", "success": true, "data": {"media_title": "Cool Video", "media_type": "yt", "media_id": "dQw4w9WgXcQ", "upvotes": 1, "downvotes": 0, "total_votes": 1, "score": 1}}""", JsonValueKind.Object)]
    [InlineData("""{"service": "userstats", "command": "channel.movie_votes", "success": true, "data": null}""", JsonValueKind.Null)]
    public async Task Movie_votes_data_may_be_an_object_or_null(string reply, JsonValueKind kind)
    {
        var (mock, standIn, _) = await StandInAsync("userstats", StandInReplies.Userstats, _ => reply);
        await using var _m = mock;
        await using var _s = standIn;

        (await new UserstatsClient(mock.Client).GetMovieVotesAsync("420Grindhouse", mediaTitle: "Cool Video", cancellationToken: Ct)).ValueKind.ShouldBe(kind);
    }
}

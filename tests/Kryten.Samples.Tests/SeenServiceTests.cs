using System.Text;
using System.Text.Json;
using Kryten.Samples.SeenService;
using Kryten.Sdk;
using ChatMessage = Kryten.Sdk.Events.ChatMessage;
using Kryten.Sdk.Testing;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// SeenService on the testing package's in-memory bus: the channel's events recorded in its owned bucket, and
/// seen.get / seen.top answered through its generated host, called with its generated client or with raw requests.
/// </summary>
public sealed class SeenServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 8, 14, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FixedClock _clock = new(Now);
    private MockKrytenClient _mock = null!;
    private KrytenOwnedBucket<SeenRecord> _bucket = null!;
    private SeenLog _seen = null!;
    private KrytenServiceHost _host = null!;
    private SeenClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _mock = await MockKrytenClient.StartAsync();
        _bucket = await _mock.Client.OpenBucketAsync(SeenLog.BucketName, KrytenJsonContext.Default.SeenRecord, cancellationToken: Ct);
        _seen = new SeenLog(_bucket, _clock);
        _mock.Client.AddHandlers(_seen);
        _host = await SeenServiceHost.StartAsync(_mock.Client, _seen, cancellationToken: Ct);
        _client = new SeenClient(_mock.Client, TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _mock.DisposeAsync();
    }

    private Task ChatAsync(string user, string msg, DateTimeOffset time) =>
        _mock.EmitAsync("chatMsg", JsonSerializer.Serialize(new { username = user, msg, meta = new { }, time = time.ToUnixTimeMilliseconds() }));

    [Fact]
    public async Task A_chat_message_is_seen_at_its_time_with_its_plain_text_and_names_compare_case_insensitively()
    {
        await ChatAsync("Alice", "fish &amp; chips", Now.AddMinutes(-5));

        var alice = await _client.GetAsync("aLiCe", cancellationToken: Ct);

        alice.Name.ShouldBe("Alice");
        alice.LastSeen.ShouldBe("2026-08-14T11:55:00.000+00:00");
        alice.LastMessage.ShouldBe("fish & chips");
        (await _bucket.GetAsync("alice", Ct))!.Value.Messages.ShouldBe(1);
    }

    [Fact]
    public async Task Joining_and_leaving_are_seen_now_and_keep_the_last_message()
    {
        await _mock.EmitAsync("addUser", """{"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""");
        (await _client.GetAsync("bob", cancellationToken: Ct)).ShouldSatisfyAllConditions(
            b => b.LastSeen.ShouldBe("2026-08-14T12:00:00.000+00:00"),
            b => b.LastMessage.ShouldBeNull());

        await ChatAsync("bob", "bye", Now.AddSeconds(10));
        _clock.Now = Now.AddMinutes(1);
        await _mock.EmitAsync("userLeave", """{"name": "bob"}""");

        var bob = await _client.GetAsync("bob", cancellationToken: Ct);
        bob.LastSeen.ShouldBe("2026-08-14T12:01:00.000+00:00");
        bob.LastMessage.ShouldBe("bye");
        (await _bucket.GetAsync("bob", Ct))!.Value.Messages.ShouldBe(1);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("[server]")]
    [InlineData("two words")]
    public async Task A_user_never_seen_is_RECORD_NOT_FOUND(string name)
    {
        await ChatAsync("[server]", "alice joined", Now);

        var e = await Should.ThrowAsync<KrytenServiceException>(() => _client.GetAsync(name, cancellationToken: Ct).AsTask());

        e.ErrorCode.ShouldBe(SeenServiceErrors.RecordNotFound);
        e.ErrorCode.ShouldBe("RECORD_NOT_FOUND");
    }

    [Fact]
    public async Task Top_lists_most_messages_first_up_to_the_limit()
    {
        foreach (var (user, count) in new[] { ("carol", 1), ("alice", 3), ("Bob", 2) })
        {
            for (var i = 0; i < count; i++) await ChatAsync(user, "hi " + i, Now.AddSeconds(i));
        }

        var top = await _client.TopAsync(cancellationToken: Ct);
        top.Users.Select(u => (u.Name, u.Messages)).ShouldBe([("alice", 3L), ("Bob", 2L), ("carol", 1L)]);
        (await _client.TopAsync(2, cancellationToken: Ct)).Users.Select(u => u.Name).ShouldBe(["alice", "Bob"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task A_limit_outside_1_to_50_is_INVALID_INPUT_from_the_host_and_refused_by_the_client(int limit)
    {
        var reply = await _mock.Client.RequestAsync("kryten.seen.command",
            Encoding.UTF8.GetBytes($$"""{"service": "seen", "command": "seen.top", "limit": {{limit}}}"""), cancellationToken: Ct);

        using var json = JsonDocument.Parse(reply);
        json.RootElement.GetProperty("success").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("error_code").GetString().ShouldBe(KrytenWire.ErrorInvalidInput);
        Should.Throw<KrytenValidationException>(() => _client.TopAsync(limit, cancellationToken: Ct)).ParameterName.ShouldBe("limit");
    }

    [Fact]
    public async Task A_chat_line_no_newer_than_the_last_counted_is_not_counted_again()
    {
        await ChatAsync("erin", "first", Now.AddMinutes(-2));
        await ChatAsync("erin", "second", Now.AddMinutes(-1));
        await ChatAsync("erin", "first", Now.AddMinutes(-2));   // CyTube's backlog replay when the bridge joins again

        var erin = await _client.GetAsync("erin", cancellationToken: Ct);
        erin.LastMessage.ShouldBe("second");
        (await _bucket.GetAsync("erin", Ct))!.Value.Messages.ShouldBe(2);
    }

    [Fact]
    public async Task Two_instances_receiving_the_same_lines_at_once_count_each_line_once_and_lose_none()
    {
        // Every instance of the service receives every event; the two write the same key concurrently through CAS.
        var other = new SeenLog(await _mock.Client.OpenBucketAsync(SeenLog.BucketName, KrytenJsonContext.Default.SeenRecord, cancellationToken: Ct), _clock);
        var lines = Enumerable.Range(1, 20)
            .Select(i => JsonSerializer.Deserialize($$"""{"username": "dave", "msg": "line {{i}}", "meta": {}, "time": {{Now.ToUnixTimeMilliseconds() + i}}}""", ChatMessage.JsonTypeInfo)!)
            .ToList();

        // The handlers called directly (the chat handler does not use its context), each instance in delivery order.
        await Task.WhenAll(new[] { _seen, other }.Select(instance => Task.Run(async () =>
        {
            foreach (var line in lines) await instance.OnChatAsync(line, default, Ct);
        }, Ct)));

        var dave = (await _bucket.GetAsync("dave", Ct))!.Value;
        dave.Messages.ShouldBe(20);
        dave.LastMessage.ShouldBe("line 20");
    }
}

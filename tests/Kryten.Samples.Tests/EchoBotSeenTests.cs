using System.Text.Json;
using Kryten.Samples.EchoBot;
using Kryten.Samples.SeenService;
using Kryten.Sdk.Testing;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// EchoBot's <c>!seen</c> on the in-memory bus, against the real SeenService hosted on the same bus: every answer it
/// can give in chat.
/// </summary>
public sealed class EchoBotSeenTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 14, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task ChatAsync(MockKrytenClient mock, string user, string msg, DateTimeOffset time) =>
        mock.EmitAsync("chatMsg", JsonSerializer.Serialize(new { username = user, msg, meta = new { }, time = time.ToUnixTimeMilliseconds() }));

    private static async Task<MockKrytenClient> EchoBotAsync(TimeSpan? seenTimeout = null)
    {
        var mock = await MockKrytenClient.StartAsync();
        mock.Client.AddHandlers(new EchoHandlers(TextWriter.Null, new EchoBot.SeenClient(mock.Client, seenTimeout ?? TimeSpan.FromSeconds(5)), new FixedClock(Now)));
        return mock;
    }

    private static async Task<IAsyncDisposable> SeenServiceAsync(MockKrytenClient mock)
    {
        var bucket = await mock.Client.OpenBucketAsync(SeenLog.BucketName, SeenService.KrytenJsonContext.Default.SeenRecord, cancellationToken: Ct);
        var seen = new SeenLog(bucket, TimeProvider.System);
        mock.Client.AddHandlers(seen);
        return await SeenService.SeenServiceHost.StartAsync(mock.Client, seen, cancellationToken: Ct);
    }

    private static async Task<string> AnswerAsync(MockKrytenClient mock, string command)
    {
        await ChatAsync(mock, "bob", command, Now);
        mock.Client.Health().HandlerErrors.ShouldBe(0);
        return (await mock.Bus.WaitForCommandAsync("say")).Args.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task A_user_the_service_has_seen_is_answered_with_time_ago_and_message()
    {
        await using var mock = await EchoBotAsync();
        await using var service = await SeenServiceAsync(mock);
        await ChatAsync(mock, "Alice", "see you &lt;3", Now.AddMinutes(-5).AddSeconds(-20));

        (await AnswerAsync(mock, "!seen alice")).ShouldBe("Alice was last seen 5 minutes ago: \"see you <3\"");
    }

    [Fact]
    public async Task A_user_the_service_has_not_seen_is_answered_so()
    {
        await using var mock = await EchoBotAsync();
        await using var service = await SeenServiceAsync(mock);

        (await AnswerAsync(mock, "!seen nobody")).ShouldBe("I have not seen nobody");
    }

    [Fact]
    public async Task No_seen_service_running_is_unavailable()
    {
        await using var mock = await EchoBotAsync();

        (await AnswerAsync(mock, "!seen alice")).ShouldBe("seen service unavailable");
    }

    [Fact]
    public async Task A_seen_service_that_does_not_answer_in_time_is_unavailable()
    {
        await using var mock = await EchoBotAsync(TimeSpan.FromMilliseconds(100));
        await using var silent = await mock.Client.SubscribeAsync("kryten.seen.command", (_, _) => default, Ct);

        (await AnswerAsync(mock, "!seen alice")).ShouldBe("seen service unavailable");
    }

    [Theory]
    [InlineData("!seen")]
    [InlineData("!seen   ")]
    public async Task Without_a_name_it_answers_its_usage(string command)
    {
        await using var mock = await EchoBotAsync();

        (await AnswerAsync(mock, command)).ShouldBe("usage: !seen <name>");
    }
}

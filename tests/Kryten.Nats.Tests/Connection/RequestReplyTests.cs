using System.Text;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class RequestReplyTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task ServeEchoAsync(NatsSubscription sub)
    {
        await foreach (var msg in sub)
        {
            using (msg)
            {
                var reply = Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(msg.Data.Span));
                await msg.ReplyAsync(reply, msg.Headers);
            }
        }
    }

    [Fact]
    public async Task Request_gets_the_reply_and_concurrent_requests_route_by_token()
    {
        await using var server = await TestConnections.ConnectAsync(fixture.Server);
        await using var client = await TestConnections.ConnectAsync(fixture.Server);
        var sub = await server.SubscribeAsync("rr.echo", cancellationToken: Ct);
        var serving = ServeEchoAsync(sub);
        var tasks = Enumerable.Range(0, 50).Select(async i =>
        {
            using var reply = await client.RequestAsync("rr.echo", Encoding.UTF8.GetBytes(i.ToString()), cancellationToken: Ct);
            return Encoding.UTF8.GetString(reply.Data.Span);
        }).ToList();
        var replies = await Task.WhenAll(tasks);
        replies.ShouldBe(Enumerable.Range(0, 50).Select(i => "echo:" + i));
        await sub.UnsubscribeAsync();
        await serving;
    }

    [Fact]
    public async Task Request_headers_travel_both_ways()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var sub = await nc.SubscribeAsync("rr.hdr", cancellationToken: Ct);
        var serving = ServeEchoAsync(sub);
        using var reply = await nc.RequestAsync("rr.hdr", "x"u8.ToArray(), new NatsHeaders { { "A", "1" } }, cancellationToken: Ct);
        reply.Headers!["A"].ShouldBe("1");
        await sub.UnsubscribeAsync();
        await serving;
    }

    [Fact]
    public async Task No_responders_fails_at_once_with_typed_exception()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var started = DateTime.UtcNow;
        var ex = await Should.ThrowAsync<NatsNoRespondersException>(async () =>
            await nc.RequestAsync("rr.nobody.home", "x"u8.ToArray(), timeout: TimeSpan.FromSeconds(30), cancellationToken: Ct));
        ex.Subject.ShouldBe("rr.nobody.home");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Request_times_out_with_typed_exception_and_late_reply_is_dropped()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var silent = await nc.SubscribeAsync("rr.silent", cancellationToken: Ct);
        await Should.ThrowAsync<NatsTimeoutException>(async () =>
            await nc.RequestAsync("rr.silent", "x"u8.ToArray(), timeout: TimeSpan.FromMilliseconds(300), cancellationToken: Ct));
        using var request = await silent.NextAsync();
        await request.ReplyAsync("late"u8.ToArray(), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        (await nc.PingAsync(Ct)).ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task Request_honours_cancellation()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var silent = await nc.SubscribeAsync("rr.cancel", cancellationToken: Ct);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(async () =>
            await nc.RequestAsync("rr.cancel", "x"u8.ToArray(), timeout: TimeSpan.FromSeconds(30), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Requests_share_one_inbox_subscription()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var sub = await nc.SubscribeAsync("rr.mux", cancellationToken: Ct);
        var serving = ServeEchoAsync(sub);
        var inboxes = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            using var reply = await nc.RequestAsync("rr.mux", "x"u8.ToArray(), cancellationToken: Ct);
            inboxes.Add(reply.Subject[..reply.Subject.LastIndexOf('.')]);
        }
        inboxes.Count.ShouldBe(1);
        inboxes.Single().ShouldStartWith("_INBOX.");
        await sub.UnsubscribeAsync();
        await serving;
    }
}

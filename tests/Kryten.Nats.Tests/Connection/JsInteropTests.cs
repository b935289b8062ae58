using System.Text;
using System.Text.Json;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

/// <summary>Interop with the official NATS JavaScript client (npm <c>nats</c>) through a real nats-server.</summary>
public sealed class JsInteropTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dotnet_requests_js_and_headers_travel_both_ways()
    {
        await using var js = JsPeer.Start("echo", fixture.Url);
        (await js.ReadLineAsync()).ShouldBe("READY");
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var headers = new NatsHeaders { { "Trace-Id", "t-1" }, { "Multi", "a" }, { "Multi", "b" } };
        using var reply = await nc.RequestAsync("interop.js.echo", Encoding.UTF8.GetBytes("héllo"), headers, cancellationToken: Ct);
        Encoding.UTF8.GetString(reply.Data.Span).ShouldBe("js:héllo");
        reply.Headers.ShouldNotBeNull();
        reply.Headers!["Trace-Id"].ShouldBe("t-1");
        reply.Headers.GetValues("Multi").ShouldBe(["a", "b"]);
        reply.Headers["Js-Seen"].ShouldBe("yes");
    }

    [Fact]
    public async Task Js_requests_dotnet_and_headers_travel_both_ways()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var sub = await nc.SubscribeAsync("interop.dotnet.echo", cancellationToken: Ct);
        var serving = Task.Run(async () =>
        {
            await foreach (var msg in sub)
            {
                using (msg)
                {
                    var h = new NatsHeaders { { "Dotnet-Seen", "yes" } };
                    foreach (var (k, v) in msg.Headers!) h.Add(k, v);
                    await msg.ReplyAsync(Encoding.UTF8.GetBytes("dotnet:" + Encoding.UTF8.GetString(msg.Data.Span)), h, Ct);
                }
            }
        }, Ct);
        await using var js = JsPeer.Start("request", fixture.Url);
        using var result = JsonDocument.Parse(await js.ReadLineAsync());
        var root = result.RootElement;
        root.GetProperty("data").GetString().ShouldBe("dotnet:ping from js");
        var hdrs = root.GetProperty("headers");
        hdrs.GetProperty("Dotnet-Seen")[0].GetString().ShouldBe("yes");
        hdrs.GetProperty("From")[0].GetString().ShouldBe("js");
        hdrs.GetProperty("Multi").EnumerateArray().Select(e => e.GetString()).ShouldBe(["1", "2"]);
        await sub.UnsubscribeAsync();
        await serving;
    }

    [Fact]
    public async Task One_queue_group_is_shared_by_both_clients()
    {
        await using var js = JsPeer.Start("queue", fixture.Url);
        (await js.ReadLineAsync()).ShouldBe("READY");
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await using var member = await nc.SubscribeAsync("interop.q", "shared", cancellationToken: Ct);
        const int total = 200;
        for (var i = 0; i < total; i++) await nc.PublishAsync("interop.q", BitConverter.GetBytes(i), cancellationToken: Ct);
        await nc.FlushAsync(Ct);
        await nc.PublishAsync("interop.q.done", ReadOnlyMemory<byte>.Empty, cancellationToken: Ct);
        using var result = JsonDocument.Parse(await js.ReadLineAsync());
        var jsCount = result.RootElement.GetProperty("count").GetInt32();
        (await TestConnections.EventuallyAsync(() => member.PendingMessages + jsCount == total)).ShouldBeTrue(
            $"js got {jsCount}, dotnet got {member.PendingMessages}");
        jsCount.ShouldBeGreaterThan(0);
        member.PendingMessages.ShouldBeGreaterThan(0);
    }
}

using Kryten.Tests.Infrastructure;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

/// <summary>Shared helpers: connection options for tests and bounded polling.</summary>
internal static class TestConnections
{
    public static NatsOpts Opts(params string[] urls) => NatsOpts.Default with
    {
        Servers = urls,
        NoRandomize = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ReconnectWait = TimeSpan.FromMilliseconds(100),
        ReconnectJitter = TimeSpan.FromMilliseconds(20),
        MaxReconnectAttempts = -1,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<NatsConnection> ConnectAsync(NatsServerProcess server, Func<NatsOpts, NatsOpts>? configure = null)
    {
        var opts = Opts(server.Url);
        if (configure is not null) opts = configure(opts);
        var connection = new NatsConnection(opts);
        await connection.ConnectAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the (generous) deadline passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(20);
        }
        return condition();
    }

    /// <summary>Reads one message or fails after a generous timeout.</summary>
    public static async Task<NatsMsg> NextAsync(this NatsSubscription sub, TimeSpan? within = null)
    {
        using var cts = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(20));
        return await sub.Messages.ReadAsync(cts.Token);
    }
}

using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using Shouldly;
using Xunit;

namespace Kryten.TestServers.Tests;

/// <summary>NATS.Net options and round trips shared by the tests, with timeouts sized for a loaded 2-core machine.</summary>
internal static class NatsTestClient
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static NatsOpts Opts(string url) => NatsOpts.Default with
    {
        Url = url,
        Name = "kryten-testservers",
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// After a failed reconnect attempt NATS.Net waits ReconnectWaitMin (default 2 s), doubling up to ReconnectWaitMax
    /// (default 5 s), before the next; with the defaults a connection can come back seconds after the server did. To
    /// be back within 2 s a client needs a short backoff like this one.
    /// </summary>
    public static NatsOpts QuickReconnect(string url) => Opts(url) with
    {
        ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
        ReconnectWaitMax = TimeSpan.FromMilliseconds(250),
        ReconnectJitter = TimeSpan.FromMilliseconds(50),
    };

    public static NatsAuthOpts AuthOpts(NatsClientCredentials credentials) => NatsAuthOpts.Default with
    {
        Username = credentials.Username,
        Password = credentials.Password,
        Token = credentials.Token,
        NKey = credentials.NKeyPublicKey,
        Seed = credentials.NKeySeed,
        CredsFile = credentials.CredsFile,
    };

    /// <summary>ConnectAsync takes no token; this bounds it so a hung handshake fails the test instead of the run.</summary>
    public static async Task ConnectBoundedAsync(this NatsConnection connection) =>
        await connection.ConnectAsync().AsTask().WaitAsync(Patience, Ct);

    /// <summary>Connects, subscribes, publishes on the same connection and reads the message back.</summary>
    public static async Task AssertRoundTripAsync(NatsOpts opts)
    {
        await using var connection = new NatsConnection(opts);
        await connection.ConnectBoundedAsync();
        connection.ConnectionState.ShouldBe(NatsConnectionState.Open);

        await using var sub = await connection.SubscribeCoreAsync<byte[]>("kryten.roundtrip", cancellationToken: Ct);
        await connection.PublishAsync("kryten.roundtrip", "hello"u8.ToArray(), cancellationToken: Ct);
        var msg = await sub.Msgs.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        msg.Data.ShouldBe("hello"u8.ToArray());
    }

    /// <summary>The exception a connect attempt with <paramref name="opts"/> ends in, after checking the state it leaves.</summary>
    public static async Task<Exception> ConnectFailureAsync(NatsOpts opts)
    {
        await using var connection = new NatsConnection(opts);
        var ex = await Should.ThrowAsync<Exception>(connection.ConnectBoundedAsync());
        connection.ConnectionState.ShouldNotBe(NatsConnectionState.Open);
        return ex;
    }

    /// <summary>
    /// A connect that reached a server and failed in the handshake (TLS, CONNECT, the first PONG) ends, in NATS.Net
    /// 3.3.2, in a plain NatsException naming the URL, with the cause as its inner exception, which is returned.
    /// </summary>
    public static Exception AssertHandshakeFailed(Exception ex, string url)
    {
        ex.GetType().ShouldBe(typeof(NatsException), ex.ToString());
        ex.Message.ShouldBe($"can not start to connect nats server: {url}");
        return ex.InnerException.ShouldNotBeNull();
    }

    /// <summary>
    /// Publishes on <paramref name="publisher"/> until <paramref name="sub"/> sees one of the messages: interest
    /// travels over routes and reconnects asynchronously, so a single publish could fall into the gap.
    /// </summary>
    public static async Task ShouldReceiveAsync(INatsConnection publisher, INatsSub<byte[]> sub, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            await publisher.PublishAsync(sub.Subject, "probe"u8.ToArray(), cancellationToken: Ct);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            wait.CancelAfter(TimeSpan.FromMilliseconds(100));
            try
            {
                var msg = await sub.Msgs.ReadAsync(wait.Token);
                msg.Subject.ShouldBe(sub.Subject);
                return;
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                // Nothing arrived in this round; the next round publishes again.
            }
        }

        throw new ShouldAssertException($"no message on {sub.Subject} within {within.TotalSeconds} s");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="within"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(20, Ct);
        }

        return true;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class StaleConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A fake server that completes the handshake (INFO, PONG to the CONNECT's PING) and then never answers
    /// again, like a peer behind a dead network path.
    /// </summary>
    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _cts = new();
        private readonly Task _accepting;
        private int _connections;

        private readonly byte[]? _afterHandshake;
        private readonly bool _sameWriteAsPong;

        public SilentServer(byte[]? afterHandshake = null, bool sameWriteAsPong = false)
        {
            _afterHandshake = afterHandshake;
            _sameWriteAsPong = sameWriteAsPong;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public string Url => $"nats://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            var clients = new List<Task>();
            try
            {
                while (clients.Count < 50)
                {
                    var client = await _listener.AcceptTcpClientAsync(_cts.Token);
                    Interlocked.Increment(ref _connections);
                    clients.Add(ServeAsync(client));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or InvalidOperationException or ObjectDisposedException)
            {
                // Stopped by DisposeAsync.
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("INFO {\"server_id\":\"FAKE\",\"version\":\"2.9.10\",\"proto\":1,\"headers\":true,\"max_payload\":1048576} \r\n"), _cts.Token);
                    var seen = new StringBuilder();
                    var buffer = new byte[4096];
                    var answered = false;
                    while (true)
                    {
                        var n = await stream.ReadAsync(buffer, _cts.Token);
                        if (n == 0) return;
                        if (answered) continue;
                        seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        if (seen.ToString().Contains("PING\r\n", StringComparison.Ordinal))
                        {
                            answered = true;
                            if (_sameWriteAsPong && _afterHandshake is not null)
                            {
                                await stream.WriteAsync("PONG\r\n"u8.ToArray().Concat(_afterHandshake).ToArray(), _cts.Token);
                            }
                            else
                            {
                                await stream.WriteAsync("PONG\r\n"u8.ToArray(), _cts.Token);
                                if (_afterHandshake is not null) await stream.WriteAsync(_afterHandshake, _cts.Token);
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException) { }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _cts.Cancel();
            _listener.Stop();
            await _accepting;
        }
    }

    [Fact]
    public async Task Unanswered_pings_mark_the_connection_stale_and_trigger_reconnect()
    {
        await using var fake = new SilentServer();
        var errors = new ConcurrentQueue<Exception?>();
        await using var nc = new NatsConnection(TestConnections.Opts(fake.Url) with
        {
            PingInterval = TimeSpan.FromMilliseconds(200),
            MaxPingsOut = 2,
        });
        nc.StateChanged += (_, e) => { if (e.Current == NatsConnectionState.Reconnecting) errors.Enqueue(e.Error); };
        await nc.ConnectAsync(Ct);
        nc.State.ShouldBe(NatsConnectionState.Connected);
        (await TestConnections.EventuallyAsync(() => !errors.IsEmpty)).ShouldBeTrue();
        errors.TryPeek(out var error);
        error.ShouldBeOfType<NatsConnectionException>().Message.ShouldContain("stale");
        (await TestConnections.EventuallyAsync(() => fake.Connections >= 2)).ShouldBeTrue();
    }

    [Fact]
    public async Task Flush_fails_when_the_connection_goes_stale()
    {
        await using var fake = new SilentServer();
        await using var nc = new NatsConnection(TestConnections.Opts(fake.Url) with
        {
            PingInterval = TimeSpan.FromMilliseconds(200),
            MaxPingsOut = 2,
        });
        await nc.ConnectAsync(Ct);
        await Should.ThrowAsync<NatsConnectionException>(async () => await nc.FlushAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // garbage in the same segment as the handshake PONG: fails before the session is adopted
    public async Task Garbage_from_the_server_is_a_protocol_error_that_reconnects(bool sameWriteAsPong)
    {
        await using var fake = new SilentServer("MSG ok 1 2\r\nhi\r\nTHIS IS NOT NATS\r\n"u8.ToArray(), sameWriteAsPong);
        var errors = new ConcurrentQueue<Exception?>();
        await using var nc = new NatsConnection(TestConnections.Opts(fake.Url));
        nc.StateChanged += (_, e) => { if (e.Current == NatsConnectionState.Reconnecting) errors.Enqueue(e.Error); };
        await nc.ConnectAsync(Ct);
        (await TestConnections.EventuallyAsync(() => !errors.IsEmpty)).ShouldBeTrue();
        errors.TryPeek(out var error);
        error.ShouldBeOfType<NatsProtocolException>().Message.ShouldContain("unknown protocol operation");
        (await TestConnections.EventuallyAsync(() => fake.Connections >= 2)).ShouldBeTrue();
    }
}

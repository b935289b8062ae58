using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kryten.Nats.Tests.Auth;

/// <summary>
/// A few lines of raw protocol, independent of NatsConnection: read INFO, send CONNECT (built from the INFO nonce)
/// and PING, return the server's first answer line (<c>PONG</c> or <c>-ERR '...'</c>). Proves the auth primitives
/// against the real server on their own.
/// </summary>
internal static class RawNatsHandshake
{
    public static async Task<string> ConnectAsync(int port, Func<string?, JsonObject> authFields)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);

        var info = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("no INFO");
        using var infoJson = JsonDocument.Parse(info["INFO ".Length..]);
        var nonce = infoJson.RootElement.TryGetProperty("nonce", out var n) ? n.GetString() : null;

        var connect = authFields(nonce);
        connect["verbose"] = false;
        connect["pedantic"] = false;
        connect["protocol"] = 1;
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"CONNECT {connect.ToJsonString()}\r\nPING\r\n"), timeout.Token);

        // The server may PING us first; answer lines until PONG or an error.
        for (var i = 0; i < 5; i++)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return "<closed>";
            }

            if (line != "PING" && !line.StartsWith("INFO", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return "<no answer>";
    }
}

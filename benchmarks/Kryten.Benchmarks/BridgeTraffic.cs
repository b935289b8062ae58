using System.Globalization;
using System.Text;

namespace Kryten.Benchmarks;

/// <summary>
/// Bridge-shaped chatMsg envelopes (wire-contract §2.1, Python json.dumps bytes), each with its own correlation id and
/// timestamp as the real bridge sends them, built before measuring so building them is not measured.
/// </summary>
internal static class BridgeTraffic
{
    public const string Channel = "Bench";
    public const string Subject = "kryten.events.cytube.bench.chatmsg";

    public static byte[][] ChatMessages(int count)
    {
        var start = new DateTimeOffset(2026, 8, 14, 18, 25, 43, TimeSpan.Zero);
        var envelopes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var at = start.AddTicks(i * 10L);
            var json = "{\"event_name\": \"chatMsg\", \"payload\": {\"username\": \"alice\", \"msg\": \"hello world " +
                       i.ToString(CultureInfo.InvariantCulture) + "\", \"meta\": {}, \"time\": " +
                       at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) +
                       "}, \"channel\": \"Bench\", \"domain\": \"cytu.be\", \"timestamp\": \"" +
                       at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) +
                       "+00:00\", \"correlation_id\": \"" + Guid.NewGuid().ToString("D") + "\"}";
            envelopes[i] = Encoding.ASCII.GetBytes(json);
        }
        return envelopes;
    }
}

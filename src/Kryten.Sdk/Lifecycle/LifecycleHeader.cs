using System.Text.Json;
using System.Text.Unicode;

namespace Kryten.Sdk.Lifecycle;

/// <summary>
/// The keys of a lifecycle message the client itself acts on, read in one <see cref="Utf8JsonReader"/> pass: the base
/// every lifecycle payload starts with (<c>service</c>, <c>timestamp</c>, <c>uptime_seconds</c>; wire-contract §5.1,
/// §5.4) and the <c>domain</c>/<c>channel</c> the bridge adds once it is on CyTube. This is the lifecycle format's
/// counterpart of the envelope reader: it routes and dates the message; a handler's record is read by its generated
/// reader. Anything but one JSON object is rejected with a reason, never an exception; other keys are skipped.
/// </summary>
internal readonly record struct LifecycleHeader(string? Service, DateTimeOffset? Timestamp, double? UptimeSeconds, string? Domain, string? Channel)
{
    private const int OtherKey = 0, ServiceKey = 1, DomainKey = 2, ChannelKey = 3, TimestampKey = 4, UptimeKey = 5;

    /// <summary>When the publishing process started its lifecycle (timestamp − uptime), when both are given.</summary>
    public DateTimeOffset? ProcessStart =>
        Timestamp is { } at && UptimeSeconds is { } up && double.IsFinite(up) && up >= 0 && up < (at - DateTimeOffset.MinValue).TotalSeconds
            ? at - TimeSpan.FromSeconds(up)
            : null;

    public static bool TryRead(ReadOnlySpan<byte> message, int maxBytes, int maxDepth, out LifecycleHeader header, out string? reason)
    {
        header = default;
        if (message.Length > maxBytes)
        {
            reason = $"message of {message.Length} bytes exceeds the {maxBytes} byte limit";
            return false;
        }
        if (!Utf8.IsValid(message))
        {
            reason = "body is not valid UTF-8";
            return false;
        }
        try
        {
            return TryReadObject(message, maxDepth, out header, out reason);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            reason = "not a lifecycle object: " + e.Message;
            return false;
        }
    }

    private static bool TryReadObject(ReadOnlySpan<byte> message, int maxDepth, out LifecycleHeader header, out string? reason)
    {
        header = default;
        var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = maxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "lifecycle message is not a JSON object";
            return false;
        }
        string? service = null, domain = null, channel = null;
        DateTimeOffset? timestamp = null;
        double? uptime = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Key(ref reader);
            reader.Read();
            switch (key)
            {
                case ServiceKey: service = Text(ref reader); break;
                case DomainKey: domain = Text(ref reader); break;
                case ChannelKey: channel = Text(ref reader); break;
                case TimestampKey when reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at): timestamp = at; break;
                case UptimeKey when reader.TokenType == JsonTokenType.Number: uptime = reader.GetDouble(); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.Read())
        {
            reason = "data after the lifecycle object";
            return false;
        }
        header = new LifecycleHeader(service, timestamp, uptime, domain, channel);
        reason = null;
        return true;
    }

    private static int Key(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(KrytenWire.LifecycleServiceUtf8) ? ServiceKey
        : reader.ValueTextEquals(KrytenWire.LifecycleDomainUtf8) ? DomainKey
        : reader.ValueTextEquals(KrytenWire.LifecycleChannelUtf8) ? ChannelKey
        : reader.ValueTextEquals(KrytenWire.LifecycleTimestampUtf8) ? TimestampKey
        : reader.ValueTextEquals(KrytenWire.LifecycleUptimeSecondsUtf8) ? UptimeKey
        : OtherKey;

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }
}

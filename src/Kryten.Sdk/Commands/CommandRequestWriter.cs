using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Commands;

/// <summary>
/// Writes a <c>kryten.robot.command</c> request exactly as the bridge reads it (wire-contract §3.3):
/// <c>{"command", "service": "robot", "args" | top-level keys, "meta": {source, timestamp, domain, channel, request_id}}</c>.
/// </summary>
internal static class CommandRequestWriter
{
    public static void Write(IBufferWriter<byte> output, KrytenCommand command, in CommandMeta meta)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString(KrytenWire.RequestCommandUtf8, command.Name);
        writer.WriteString(KrytenWire.RequestServiceUtf8, KrytenWire.RobotServiceUtf8);
        if (command.ArgsPlacement == KrytenArgsPlacement.Args)
        {
            writer.WriteStartObject(KrytenWire.RequestArgsUtf8);
            command.Args?.WriteProperties(writer);
            writer.WriteEndObject();
        }
        else
        {
            command.Args?.WriteProperties(writer);
        }
        writer.WriteStartObject(KrytenWire.RequestMetaUtf8);
        writer.WriteString(KrytenWire.MetaSourceUtf8, meta.Source);
        WriteTimestamp(writer, meta.Timestamp);
        writer.WriteString(KrytenWire.MetaDomainUtf8, meta.Domain);
        writer.WriteString(KrytenWire.MetaChannelUtf8, meta.Channel);
        writer.WriteString(KrytenWire.MetaRequestIdUtf8, meta.RequestId);
        if (meta.CausedBy is not null) writer.WriteString(KrytenWire.MetaCausedByUtf8, meta.CausedBy);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static readonly SearchValues<char> TimestampChars = SearchValues.Create("0123456789-T:.+Z");

    // The default encoder escapes '+' as \u002B; the bridge writes "+00:00", so a timestamp made only of ISO-8601
    // characters (none of which JSON needs escaped) goes out verbatim.
    private static void WriteTimestamp(Utf8JsonWriter writer, string timestamp)
    {
        if (timestamp.Length > 64 || timestamp.AsSpan().ContainsAnyExcept(TimestampChars))
        {
            writer.WriteString(KrytenWire.MetaTimestampUtf8, timestamp);
            return;
        }
        Span<byte> quoted = stackalloc byte[timestamp.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        Encoding.ASCII.GetBytes(timestamp, quoted[1..^1]);
        writer.WritePropertyName(KrytenWire.MetaTimestampUtf8);
        writer.WriteRawValue(quoted, skipInputValidation: true);
    }

    public static byte[] ToArray(KrytenCommand command, in CommandMeta meta)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, command, meta);
        return buffer.WrittenSpan.ToArray();
    }
}

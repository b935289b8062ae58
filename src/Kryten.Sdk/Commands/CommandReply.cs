using System.Text.Json;

namespace Kryten.Sdk.Commands;

/// <summary>
/// A bridge reply (wire-contract §3.3, §4.1, §9.6) read in place: outer <c>success</c>/<c>error</c>,
/// and <c>data</c> with its own <c>success</c>/<c>error</c>. Either responder's shape is accepted.
/// </summary>
internal readonly record struct CommandReply(bool Succeeded, string? Error, int DataStart, int DataLength)
{
    public bool HasData => DataLength > 0;

    public static CommandReply Parse(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the reply is not a JSON object");
        }
        bool? outerSuccess = null, dataSuccess = null;
        string? outerError = null, dataError = null;
        int dataStart = 0, dataLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(KrytenWire.ReplySuccessUtf8))
            {
                reader.Read();
                outerSuccess = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                reader.Skip();
            }
            else if (reader.ValueTextEquals(KrytenWire.ReplyErrorUtf8))
            {
                reader.Read();
                outerError = Text(ref reader);
            }
            else if (reader.ValueTextEquals(KrytenWire.ReplyDataUtf8))
            {
                reader.Read();
                dataStart = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.StartObject) ReadData(ref reader, out dataSuccess, out dataError);
                else reader.Skip();
                dataLength = (int)reader.BytesConsumed - dataStart;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (outerSuccess == false) return new CommandReply(false, outerError ?? dataError, dataStart, dataLength);
        if (dataSuccess == false) return new CommandReply(false, dataError ?? outerError, dataStart, dataLength);
        return new CommandReply(true, null, dataStart, dataLength);
    }

    private static void ReadData(ref Utf8JsonReader reader, out bool? success, out string? error)
    {
        success = null;
        error = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.ValueTextEquals(KrytenWire.ReplySuccessUtf8))
            {
                reader.Read();
                success = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                reader.Skip();
            }
            else if (reader.ValueTextEquals(KrytenWire.ReplyErrorUtf8))
            {
                reader.Read();
                error = Text(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        if (reader.TokenType == JsonTokenType.Null) return null;
        reader.Skip();
        return null;
    }
}

using System.Text.Json;

namespace Kryten.Sdk.Services;

/// <summary>
/// A service's reply envelope read in place (services.md §1.3): it succeeded only with <c>success: true</c>, so the bare
/// <c>{"error": ...}</c> of kryten-py's transport is a failure too; <c>error</c>, <c>error_code</c>, <c>details</c> and
/// where <c>data</c> lies.
/// </summary>
internal readonly record struct ServiceReply(bool Succeeded, string? Error, string? ErrorCode, string? Details, int DataStart, int DataLength)
{
    /// <summary>Reads the envelope; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static ServiceReply Parse(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("the reply is not a JSON object");
        var succeeded = false;
        string? error = null, code = null, details = null;
        int dataStart = 0, dataLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueSpan;
            reader.Read();
            if (key.SequenceEqual(KrytenWire.ReplySuccessUtf8)) succeeded = reader.TokenType == JsonTokenType.True;
            else if (key.SequenceEqual(KrytenWire.ReplyErrorUtf8)) error = Text(ref reader);
            else if (key.SequenceEqual(KrytenWire.ReplyErrorCodeUtf8)) code = Text(ref reader);
            else if (key.SequenceEqual(KrytenWire.ReplyDetailsUtf8)) details = Text(ref reader);
            else if (key.SequenceEqual(KrytenWire.ReplyDataUtf8)) dataStart = (int)reader.TokenStartIndex;
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (key.SequenceEqual(KrytenWire.ReplyDataUtf8)) dataLength = (int)reader.BytesConsumed - start;
        }
        return new ServiceReply(succeeded, error, code, details, dataStart, dataLength);
    }

    // Errors are text; anything else is kept as its JSON so the caller still sees it.
    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => JsonElementText(ref reader),
    };

    private static string JsonElementText(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}

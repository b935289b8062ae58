using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>Decodes one JSON string token (quotes included) found by scanning, without a reader for the whole document.</summary>
internal static class JsonStringText
{
    /// <summary>The string's text; false when its escapes or its text are not valid JSON (e.g. a lone surrogate).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> quoted, out string text)
    {
        var raw = quoted[1..^1];
        if (raw.IndexOf((byte)'\\') < 0)
        {
            // No escapes: the bytes are the text (the message was checked to be valid UTF-8).
            text = Encoding.UTF8.GetString(raw);
            return true;
        }
        try
        {
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            text = reader.GetString()!;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}

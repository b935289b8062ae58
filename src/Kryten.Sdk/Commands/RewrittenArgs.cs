using System.Buffers;
using System.Text.Json;

namespace Kryten.Sdk.Commands;

/// <summary>
/// Arguments re-emitted from their JSON with one string property replaced: how a long <c>say</c>/<c>pm</c> is
/// cut into pieces without knowing the generated args type (every other key is written as it was).
/// </summary>
internal sealed class RewrittenArgs(JsonElement original, string key, string value) : IKrytenCommandArgs
{
    public void WriteProperties(Utf8JsonWriter writer)
    {
        foreach (var property in original.EnumerateObject())
        {
            if (property.NameEquals(key)) writer.WriteString(key, value);
            else property.WriteTo(writer);
        }
    }

    /// <summary>The args as a JSON object, and the chat text key (<c>message</c> or <c>msg</c>) with its value, if any.</summary>
    public static (JsonElement Args, string? Key, string? Text) Inspect(IKrytenCommandArgs? args)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            args?.WriteProperties(writer);
            writer.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var root = doc.RootElement.Clone();
        foreach (var key in (ReadOnlySpan<string>)["message", "msg"])
        {
            if (root.TryGetProperty(key, out var text) && text.ValueKind == JsonValueKind.String) return (root, key, text.GetString());
        }
        return (root, null, null);
    }
}

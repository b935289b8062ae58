using System.Globalization;
using System.Text.Json;

namespace Kryten.Sdk.Configuration;

/// <summary>Reads JSON configuration into a <see cref="ConfigNode"/> tree with <see cref="JsonDocument"/> (no reflection).</summary>
internal static class JsonConfigReader
{
    public static ConfigNode Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Convert(doc.RootElement, "");
        }
        catch (JsonException e)
        {
            throw new KrytenConfigurationException([$"(file): not valid JSON{Where(e)}: {Reason(e)}"]);
        }
    }

    // JsonException counts lines and bytes from 0; editors count from 1.
    private static string Where(JsonException e) => e.LineNumber is long line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";

    // The reader appends its 0-based position (" LineNumber: 2 | BytePositionInLine: 2."), which Where already says.
    private static string Reason(JsonException e)
    {
        var position = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var path = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
        var cut = path >= 0 && (position < 0 || path < position) ? path : position;
        return cut >= 0 ? e.Message[..cut] : e.Message;
    }

    private static ConfigNode Convert(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.Object => new ConfigMap(path, e.EnumerateObject()
            .Select(p => new KeyValuePair<string, ConfigNode>(p.Name, Convert(p.Value, ConfigPath.Child(path, p.Name)))).ToList()),
        JsonValueKind.Array => new ConfigList(path, e.EnumerateArray().Select((item, i) => Convert(item, ConfigPath.Index(path, i))).ToList()),
        JsonValueKind.String => new ConfigScalar(path, e.GetString()),
        JsonValueKind.Null => new ConfigScalar(path, null),
        JsonValueKind.True => new ConfigScalar(path, "true"),
        JsonValueKind.False => new ConfigScalar(path, "false"),
        _ => new ConfigScalar(path, e.GetRawText().ToString(CultureInfo.InvariantCulture)),
    };
}

internal static class ConfigPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}

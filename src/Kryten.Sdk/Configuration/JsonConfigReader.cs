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
            throw new KrytenConfigurationException([$"(file): not valid JSON: {e.Message}"]);
        }
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

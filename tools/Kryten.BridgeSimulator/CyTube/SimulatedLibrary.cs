using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>
/// The channel library CyTube searches for <c>searchMedia {source: "library"}</c>: every permanent item that was on the
/// playlist, until <c>uncache</c> removes it. Not thread-safe: <see cref="SimulatedChannel"/> serializes access.
/// </summary>
internal sealed class SimulatedLibrary(string channel)
{
    // The meta keys a library row keeps (cytube-catalog §1.8), in this order.
    private static readonly string[] RowMetaKeys = ["bitrate", "codec", "scuri", "embed", "direct"];

    private readonly Dictionary<string, JsonElement> _media = new(StringComparer.Ordinal);

    public void Cache(JsonElement media)
    {
        if (media.TryGetProperty("id", out var id) && id.GetString() is { } mediaId) _media[mediaId] = media;
    }

    public bool Uncache(string id) => _media.Remove(id);

    /// <summary>
    /// The <c>searchResults</c> payload for a library search: raw DB rows sorted by title, <c>meta</c> as the JSON
    /// text CyTube stored, <c>channel</c> as CyTube's lowercase channel name. The query is truncated to 100 characters.
    /// </summary>
    public Action<PythonJsonWriter> Search(string query)
    {
        if (query.Length > 100) query = query[..100];
        var rows = _media.Values
            .Where(media => Title(media).Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return json =>
        {
            json.StartObject().Key("source").String("library").Key("results").StartArray();
            foreach (var media in rows)
            {
                json.StartObject()
                    .Key("id").Element(media.GetProperty("id"))
                    .Key("title").String(Title(media))
                    .Key("seconds").Element(media.TryGetProperty("seconds", out var seconds) ? seconds : default)
                    .Key("type").Element(media.TryGetProperty("type", out var type) ? type : default)
                    .Key("meta").String(RowMeta(media))
                    .Key("channel").String(channel.ToLowerInvariant())
                    .Key("duration").Element(media.TryGetProperty("duration", out var duration) ? duration : default)
                    .EndObject();
            }
            json.EndArray().EndObject();
        };
    }

    private static string Title(JsonElement media) =>
        media.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString()! : "";

    // JSON.stringify of the kept meta keys: compact, non-ASCII as is.
    private static string RowMeta(JsonElement media)
    {
        var text = new StringBuilder("{");
        if (media.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in RowMetaKeys)
            {
                if (!meta.TryGetProperty(key, out var value)) continue;
                if (text.Length > 1) text.Append(',');
                AppendJs(JsonStringEscaper.Append(text, key, asciiOnly: false).Append(':'), value);
            }
        }
        return text.Append('}').ToString();
    }

    private static void AppendJs(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first) text.Append(',');
                    first = false;
                    AppendJs(JsonStringEscaper.Append(text, property.Name, asciiOnly: false).Append(':'), property.Value);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0) text.Append(',');
                    AppendJs(text, item);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                JsonStringEscaper.Append(text, value.GetString()!, asciiOnly: false);
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }
}

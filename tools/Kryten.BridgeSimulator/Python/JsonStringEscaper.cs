using System.Globalization;
using System.Text;

namespace Kryten.BridgeSimulator.Python;

/// <summary>
/// A JSON string literal as the two serializers the simulator imitates write it: Python's <c>json.dumps</c> (the bridge,
/// <c>ensure_ascii</c>: everything outside printable ASCII as <c>\uXXXX</c>) and JavaScript's <c>JSON.stringify</c>
/// (CyTube's library rows: only control characters escaped). Both use the short escapes for the same seven characters.
/// </summary>
internal static class JsonStringEscaper
{
    public static StringBuilder Append(StringBuilder text, string value, bool asciiOnly)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < ' ' || (asciiOnly && c > '~')) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"');
    }
}

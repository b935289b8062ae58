using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Kryten.BridgeSimulator.Python;

/// <summary>
/// How the bridge's Python sees a value of a parsed request: <c>json.loads</c> turns JSON into dict, list, str, int,
/// float, bool or None, and the handler tests it with <c>if not x</c>, formats it with f-strings and names its type in
/// error texts. <see cref="JsonValueKind.Undefined"/> stands for a key <c>.get()</c> did not find, i.e. None.
/// </summary>
internal static class PythonValue
{
    public static bool IsNone(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>Python truthiness: empty str/list/dict, 0, 0.0, False and None are false.</summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetRawText().Length > 2,
        JsonValueKind.Number => IsInt(value) ? !BigInteger.Parse(value.GetRawText(), CultureInfo.InvariantCulture).IsZero : ToDouble(value) != 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        JsonValueKind.True => true,
        _ => false,
    };

    /// <summary>A JSON number without fraction or exponent, which <c>json.loads</c> makes an int (any size).</summary>
    public static bool IsInt(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    /// <summary>A JSON float as Python parses it: overflow gives infinity, not an error.</summary>
    public static double ToDouble(JsonElement value) => double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value if it is a JSON string (the only kind CyTube's typechecked frames accept where a str is meant).</summary>
    public static string? AsString(JsonElement value) => value.ValueKind == JsonValueKind.String ? Text(value) : null;

    /// <summary>
    /// A JSON string as Python reads it. Python accepts a lone surrogate escape (<c>"\ud800"</c>), which
    /// System.Text.Json refuses to decode, so that case is unescaped here.
    /// </summary>
    public static string Text(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(value.GetRawText());
        }
    }

    /// <summary>
    /// Python's <c>==</c> between two parsed values: None equals None, <c>True == 1 == 1.0</c>, strings by code unit,
    /// lists item by item, dicts by their keys whatever the order.
    /// </summary>
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        if (IsNone(left) || IsNone(right)) return IsNone(left) && IsNone(right);
        if (IsNumeric(left) && IsNumeric(right))
        {
            return IsInt(left) && IsInt(right)
                ? BigInteger.Parse(left.GetRawText(), CultureInfo.InvariantCulture) == BigInteger.Parse(right.GetRawText(), CultureInfo.InvariantCulture)
                : Numeric(left) == Numeric(right);
        }
        if (left.ValueKind != right.ValueKind) return false;
        switch (left.ValueKind)
        {
            case JsonValueKind.String:
                return string.Equals(Text(left), Text(right), StringComparison.Ordinal);
            case JsonValueKind.Array:
                return left.GetArrayLength() == right.GetArrayLength() && left.EnumerateArray().Zip(right.EnumerateArray()).All(pair => AreEqual(pair.First, pair.Second));
            default:
                var keys = left.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                return keys.SetEquals(right.EnumerateObject().Select(p => p.Name))
                    && keys.All(key => AreEqual(left.GetProperty(key), right.GetProperty(key)));
        }
    }

    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => IsInt(value) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };

    /// <summary><c>str(x)</c>, which f-strings use: a str as is, anything else as its repr.</summary>
    public static string Str(JsonElement value) => value.ValueKind == JsonValueKind.String ? Text(value) : Repr(value);

    public static string Repr(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return ReprString(Text(value));
            case JsonValueKind.Number:
                return IsInt(value)
                    ? BigInteger.Parse(value.GetRawText(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                    : PythonFloat.Repr(ToDouble(value));
            case JsonValueKind.True:
                return "True";
            case JsonValueKind.False:
                return "False";
            case JsonValueKind.Array:
                return "[" + string.Join(", ", value.EnumerateArray().Select(Repr)) + "]";
            case JsonValueKind.Object:
                return "{" + string.Join(", ", value.EnumerateObject().Select(p => ReprString(p.Name) + ": " + Repr(p.Value))) + "}";
            default:
                return "None";
        }
    }

    // bool is an int subclass in Python, so True and False take part in numeric comparisons.
    private static bool IsNumeric(JsonElement value) => value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static double Numeric(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => ToDouble(value),
    };

    /// <summary>
    /// <c>repr(str)</c>: single quotes unless the text has a single quote and no double quote; backslash, the quote,
    /// <c>\t \n \r</c> escaped; other non-printable characters as <c>\xhh</c>, <c>\uhhhh</c> or <c>\Uhhhhhhhh</c>.
    /// </summary>
    public static string ReprString(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var repr = new StringBuilder().Append(quote);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote || c == '\\') repr.Append('\\').Append(c);
            else if (c == '\t') repr.Append("\\t");
            else if (c == '\n') repr.Append("\\n");
            else if (c == '\r') repr.Append("\\r");
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var rune = new Rune(c, text[i + 1]);
                if (IsPrintable(Rune.GetUnicodeCategory(rune))) repr.Append(c).Append(text[i + 1]);
                else repr.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
                i++;
            }
            else if (c != ' ' && (char.IsSurrogate(c) || !IsPrintable(char.GetUnicodeCategory(c))))
                repr.Append(c <= 0xff ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else repr.Append(c);
        }
        return repr.Append(quote).ToString();
    }

    // The raw token of a JSON string, quotes included, decoded escape by escape.
    private static string Unescape(string raw)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            if (raw[i] != '\\')
            {
                text.Append(raw[i]);
                continue;
            }
            var escape = raw[++i];
            text.Append(escape switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => (char)int.Parse(raw.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                _ => escape,
            });
            if (escape == 'u') i += 4;
        }
        return text.ToString();
    }

    // str.isprintable(): everything but "Other" and "Separator" categories (the ASCII space is handled by the caller).
    private static bool IsPrintable(UnicodeCategory category) => category is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
}

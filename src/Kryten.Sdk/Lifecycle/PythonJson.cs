using System.Globalization;
using System.Text;

namespace Kryten.Sdk.Lifecycle;

/// <summary>
/// Writes JSON the way Python's <c>json.dumps</c> does with its defaults (wire-contract §0.2), which is how kryten-py
/// and the bridge write lifecycle payloads: <c>", "</c> and <c>": "</c> separators, keys in the order written,
/// <c>ensure_ascii</c> escapes in lowercase hex, and floats as Python's <c>repr</c>. Objects only: lifecycle payloads
/// hold nothing else.
/// </summary>
internal sealed class PythonJson
{
    private readonly StringBuilder _text = new(256);
    private bool _first = true;

    public PythonJson StartObject()
    {
        _text.Append('{');
        _first = true;
        return this;
    }

    public PythonJson EndObject()
    {
        _text.Append('}');
        _first = false;
        return this;
    }

    /// <summary>Writes a key; the next call writes its value.</summary>
    public PythonJson Key(string key)
    {
        if (!_first) _text.Append(", ");
        AppendString(_text, key);
        _text.Append(": ");
        _first = false;
        return this;
    }

    public PythonJson String(string value)
    {
        AppendString(_text, value);
        return this;
    }

    public PythonJson Integer(long value)
    {
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public PythonJson Float(double value)
    {
        _text.Append(Repr(value));
        return this;
    }

    public byte[] ToBytes() => Encoding.ASCII.GetBytes(_text.ToString());

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest digits that read back to the same double, in positional notation
    /// (with <c>.0</c> when integral) while the decimal point falls within 16 digits, else <c>1.6e-05</c> style with a
    /// two-digit exponent at least. <c>json.dumps</c> writes NaN and infinities bare, as here.
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        var sign = value < 0 ? "-" : "";
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);   // e.g. 30.001, 1.6E-05, 1E+16
        var exponent = 0;
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? shortest : shortest.Remove(dot, 1);
        var point = (dot < 0 ? shortest.Length : dot) + exponent;   // where the decimal point falls among the digits
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;
        if (point is <= -4 or > 16)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            var power = point - 1;
            return sign + mantissa + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString("00", CultureInfo.InvariantCulture);
        }
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
        return sign + digits[..point] + "." + digits[point..];
    }

    // ensure_ascii: printable ASCII as is (only " and \ escaped), the usual short escapes, everything else \uXXXX per
    // UTF-16 unit in lowercase hex (astral characters become surrogate pairs, U+007F is escaped too).
    private static void AppendString(StringBuilder text, string value)
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
                case >= ' ' and <= '~': text.Append(c); break;
                default: text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }
        text.Append('"');
    }
}

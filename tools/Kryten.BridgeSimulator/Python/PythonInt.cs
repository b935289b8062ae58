using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Kryten.BridgeSimulator.Python;

/// <summary>
/// Python's <c>int(x)</c>, which the bridge applies to <c>vote.option</c>, <c>setChannelRank.rank</c>,
/// <c>readChanLog.count</c> and <c>unban.ban_id</c>. When it raises, the handler raises and the reply carries the
/// exception text, so the texts here are Python's own.
/// </summary>
internal static class PythonInt
{
    public static bool TryConvert(JsonElement value, out BigInteger result, out string error)
    {
        error = "";
        result = BigInteger.Zero;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when PythonValue.IsInt(value):
                result = BigInteger.Parse(value.GetRawText(), CultureInfo.InvariantCulture);
                return true;
            case JsonValueKind.Number:
                var number = PythonValue.ToDouble(value);
                if (double.IsInfinity(number))
                {
                    error = "cannot convert float infinity to integer";
                    return false;
                }
                result = new BigInteger(Math.Truncate(number));
                return true;
            case JsonValueKind.True:
                result = BigInteger.One;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return TryParse(PythonValue.Text(value), out result, out error);
            default:
                error = $"int() argument must be a string, a bytes-like object or a real number, not '{PythonValue.TypeName(value)}'";
                return false;
        }
    }

    /// <summary>
    /// <c>int(str)</c>: surrounding whitespace, one sign, Unicode decimal digits, single underscores between digits.
    /// </summary>
    public static bool TryParse(string text, out BigInteger result, out string error)
    {
        result = BigInteger.Zero;
        error = "invalid literal for int() with base 10: " + PythonValue.ReprString(text);
        var body = text.AsSpan().Trim(PythonWhitespace);
        var negative = false;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        var digits = new StringBuilder(body.Length);
        var previousWasDigit = false;
        foreach (var rune in body.EnumerateRunes())
        {
            if (rune.Value == '_')
            {
                if (!previousWasDigit) return false;
                previousWasDigit = false;
                continue;
            }
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.DecimalDigitNumber) return false;
            digits.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            previousWasDigit = true;
        }
        if (!previousWasDigit) return false;

        result = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative) result = -result;
        error = "";
        return true;
    }

    /// <summary>
    /// <c>str.isdigit()</c>, which the bridge's sender checks before coercing a uid: decimal digits, and digit-like
    /// numbers such as superscripts, which <c>int()</c> then refuses.
    /// </summary>
    public static bool IsDigits(string text) => text.Length > 0 && text.EnumerateRunes().All(rune =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber
        || (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNumber && Rune.GetNumericValue(rune) is >= 0 and <= 9 and var v && v == Math.Floor(v)));

    // str.strip() without arguments: Unicode whitespace plus the ASCII separators \x1c-\x1f, which .NET does not count.
    private static readonly char[] PythonWhitespace =
        [.. Enumerable.Range(0, 0x3001).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f')];
}

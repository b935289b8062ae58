using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kryten.BridgeSimulator.Python;

/// <summary>
/// Python's <c>repr(float)</c>, which <c>json.dumps</c> and <c>str()</c> use: the shortest digits that round-trip (as
/// .NET's "R"), but fixed notation for decimal exponents -4..15 and otherwise <c>1e+16</c>/<c>1.5e-07</c>, where .NET
/// would write <c>1E+15</c> or <c>1.5E-07</c>.
/// </summary>
internal static class PythonFloat
{
    /// <summary>
    /// <c>float(x)</c> where the bridge catches its <c>TypeError</c>/<c>ValueError</c>: numbers and bools convert, a str
    /// must be a decimal literal (surrounding whitespace, single underscores between digits, <c>inf</c>/<c>nan</c> in
    /// any case), anything else fails.
    /// </summary>
    public static bool TryConvert(JsonElement value, out double result)
    {
        result = value.ValueKind switch
        {
            JsonValueKind.Number => PythonValue.ToDouble(value),
            JsonValueKind.True => 1,
            _ => 0,
        };
        return value.ValueKind switch
        {
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => true,
            JsonValueKind.String => TryParse(PythonValue.Text(value), out result),
            _ => false,
        };
    }

    private static bool TryParse(string text, out double result)
    {
        result = 0;
        var body = text.Trim();
        var unsigned = body.TrimStart('+', '-');
        if (unsigned.Length < body.Length - 1) return false;
        var negative = body.StartsWith('-');
        switch (unsigned.ToLowerInvariant())
        {
            case "inf" or "infinity":
                result = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case "nan":
                result = double.NaN;
                return true;
        }
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '_' && (i == 0 || i == body.Length - 1 || !char.IsAsciiDigit(body[i - 1]) || !char.IsAsciiDigit(body[i + 1]))) return false;
        }
        return body.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E' or '_')
            && double.TryParse(body.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }

    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        var sign = value < 0 ? "-" : "";
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        // value = 0.<digits> x 10^point
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var significant = digits.TrimStart('0');
        point -= digits.Length - significant.Length;
        significant = significant.TrimEnd('0');

        var decimalExponent = point - 1;
        var text = new StringBuilder(sign);
        if (decimalExponent is >= -4 and < 16)
        {
            if (point <= 0) text.Append("0.").Append('0', -point).Append(significant);
            else if (point >= significant.Length) text.Append(significant).Append('0', point - significant.Length).Append(".0");
            else text.Append(significant, 0, point).Append('.').Append(significant, point, significant.Length - point);
        }
        else
        {
            text.Append(significant[0]);
            if (significant.Length > 1) text.Append('.').Append(significant, 1, significant.Length - 1);
            text.Append('e').Append(decimalExponent < 0 ? '-' : '+')
                .Append(Math.Abs(decimalExponent).ToString("D2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}

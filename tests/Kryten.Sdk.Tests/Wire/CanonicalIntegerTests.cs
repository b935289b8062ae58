using System.Globalization;
using System.Text;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// Integers in the bridge's layout are read eight digits at a time, then one at a time. What is read must be exactly
/// what a JSON integer means (no leading zeros, within a long), and anything else must be declined with `at` unchanged.
/// </summary>
public sealed class CanonicalIntegerTests
{
    private static (bool Read, long Value, int At) Read(string text)
    {
        var json = Encoding.ASCII.GetBytes(text);
        var at = 0;
        var read = KrytenJsonPrimitives.CanonicalInt64(json, ref at, out var value);
        return (read, value, at);
    }

    // What the reader must do: the longest -?(0|[1-9][0-9]*) prefix, as a long.
    private static (bool Read, long Value, int At) Expected(string text)
    {
        var sign = text.StartsWith('-') ? 1 : 0;
        var digits = text.Skip(sign).TakeWhile(char.IsAsciiDigit).Count();
        var number = text[..(sign + digits)];
        if (digits == 0 || (digits > 1 && text[sign] == '0') || !long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return (false, 0, 0);
        return (true, value, number.Length);
    }

    [Theory]
    [InlineData("12345678}")]
    [InlineData("12345678")]
    [InlineData("1234567}")]
    [InlineData("123456789}")]
    [InlineData("1234567890123456}")]
    [InlineData("12345678901234567}")]
    [InlineData("1234567890123456789}")]
    [InlineData("9223372036854775807}")]
    [InlineData("9223372036854775808}")]
    [InlineData("-9223372036854775808}")]
    [InlineData("-9223372036854775809}")]
    [InlineData("12345678901234567890}")]
    [InlineData("99999999999999999999999}")]
    [InlineData("0}")]
    [InlineData("-0}")]
    [InlineData("00000000}")]
    [InlineData("01234567}")]
    [InlineData("1234a678}")]
    [InlineData("12345678:12345678")]
    [InlineData("1786731943510, \"x\": 1}")]
    [InlineData("-}")]
    [InlineData("}")]
    [InlineData("")]
    public void Integers_read_as_JSON_defines_them(string text)
    {
        Read(text).ShouldBe(Expected(text), text);
    }

    [Fact]
    public void Random_digit_runs_of_every_length_read_as_JSON_defines_them()
    {
        var random = new Random(20261122);
        const string tails = "}, .eE-+0123456789:/@";
        for (var n = 0; n < 50_000; n++)
        {
            var text = new StringBuilder();
            if (random.Next(4) == 0) text.Append('-');
            var length = random.Next(0, 23);
            for (var i = 0; i < length; i++) text.Append((char)('0' + (i == 0 && random.Next(3) != 0 ? random.Next(1, 10) : random.Next(10))));
            for (var i = random.Next(0, 10); i > 0; i--) text.Append(tails[random.Next(tails.Length)]);
            var s = text.ToString();
            Read(s).ShouldBe(Expected(s), s);
        }
    }
}

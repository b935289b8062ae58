using System.Numerics;
using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>
/// The bridge's replies quote Python: truthiness decides "Missing ..." errors, <c>int()</c> and <c>repr()</c> write the
/// texts of raised errors, <c>repr(float)</c> writes numbers. Expected values were produced by CPython 3.
/// </summary>
public sealed class PythonSemanticsTests
{
    [Theory]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("1.5e-7", "1.5e-07")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001234", "1.234e-05")]
    [InlineData("123456789.123", "123456789.123")]
    [InlineData("3599.5", "3599.5")]
    [InlineData("1e100", "1e+100")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("100000", "100000.0")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("-0.0", "-0.0")]
    public void Float_repr_is_pythons(string number, string repr) =>
        PythonFloat.Repr(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(repr);

    [Theory]
    [InlineData("\"abc\"", "invalid literal for int() with base 10: 'abc'")]
    [InlineData("\" 4.5 \"", "invalid literal for int() with base 10: ' 4.5 '")]
    [InlineData("\"it's\"", "invalid literal for int() with base 10: \"it's\"")]
    [InlineData("\"a\\\"b'c\"", "invalid literal for int() with base 10: 'a\"b\\'c'")]
    [InlineData("\"\\u0000\\u00ff\\u200b\"", "invalid literal for int() with base 10: '\\x00\u00ff\\u200b'")]
    [InlineData("\"\\ud83d\\ude00\\t\"", "invalid literal for int() with base 10: '\U0001F600\\t'")]
    [InlineData("\"\\ud800x\"", "invalid literal for int() with base 10: '\\ud800x'")]
    [InlineData("\"\"", "invalid literal for int() with base 10: ''")]
    [InlineData("\"1__0\"", "invalid literal for int() with base 10: '1__0'")]
    [InlineData("\"_1\"", "invalid literal for int() with base 10: '_1'")]
    [InlineData("null", "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'")]
    [InlineData("[1]", "int() argument must be a string, a bytes-like object or a real number, not 'list'")]
    [InlineData("{\"a\": 1}", "int() argument must be a string, a bytes-like object or a real number, not 'dict'")]
    [InlineData("1e400", "cannot convert float infinity to integer")]
    public void Int_raises_with_pythons_text(string json, string error)
    {
        PythonInt.TryConvert(Parse(json), out _, out var text).ShouldBeFalse();
        text.ShouldBe(error);
    }

    [Theory]
    [InlineData("\"1_000\"", "1000")]
    [InlineData("\"\\u0663\"", "3")]
    [InlineData("\" \\t+42\\n\"", "42")]
    [InlineData("\"-7\"", "-7")]
    [InlineData("2.9", "2")]
    [InlineData("-2.9", "-2")]
    [InlineData("true", "1")]
    [InlineData("false", "0")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    public void Int_converts_like_python(string json, string value)
    {
        PythonInt.TryConvert(Parse(json), out var result, out _).ShouldBeTrue();
        result.ShouldBe(BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("18", true)]
    [InlineData("\u00b2", true)]
    [InlineData("\u2460", true)]
    [InlineData("\u00bd", false)]
    [InlineData("1.5", false)]
    [InlineData("", false)]
    [InlineData("-1", false)]
    public void Isdigit_is_pythons(string text, bool digits) => PythonInt.IsDigits(text).ShouldBe(digits);

    [Theory]
    [InlineData("\"\"", false)]
    [InlineData("\"0\"", true)]
    [InlineData("0", false)]
    [InlineData("-0", false)]
    [InlineData("0.0", false)]
    [InlineData("1e-400", false)]
    [InlineData("0.5", true)]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("{}", false)]
    [InlineData("false", false)]
    [InlineData("null", false)]
    public void Truthiness_is_pythons(string json, bool truthy) => PythonValue.IsTruthy(Parse(json)).ShouldBe(truthy);

    [Fact]
    public void Str_of_containers_is_their_python_repr() =>
        PythonValue.Str(Parse("""[1, "a", null, true, {"k": 2.50}]""")).ShouldBe("[1, 'a', None, True, {'k': 2.5}]");

    [Fact]
    public void Parsed_numbers_are_rewritten_as_json_dumps_writes_them() =>
        new PythonJsonWriter().Element(Parse("[1.50, 1E5, -0, 10000000000000000000000, 1e400]")).ToString()
            .ShouldBe("[1.5, 100000.0, 0, 10000000000000000000000, Infinity]");

    [Theory]
    [InlineData("2026-08-14T18:25:43.511286+00:00", "2026-08-14T18:25:43.511286+00:00")]
    [InlineData("2026-08-14T18:25:43Z", "2026-08-14T18:25:43+00:00")]
    [InlineData("2026-08-14T18:25:43.5+02:00", "2026-08-14T18:25:43.500000+02:00")]
    [InlineData("2026-08-14T18:25:43.1234567-05:30", "2026-08-14T18:25:43.123456-05:30")]
    [InlineData("2026-08-14T18:25:43,25+05:45:30", "2026-08-14T18:25:43.250000+05:45:30")]
    [InlineData("2026-08-14 18:25", "2026-08-14T18:25:00")]
    [InlineData("2026-08-14T18", "2026-08-14T18:00:00")]
    [InlineData("2026-08-14", "2026-08-14T00:00:00")]
    public void Fromisoformat_then_isoformat_is_pythons(string text, string isoformat)
    {
        PythonDateTime.TryFromIsoFormat(text, out var value).ShouldBeTrue();
        value.IsoFormat().ShouldBe(isoformat);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00")]
    [InlineData("2026-02-30T00:00:00")]
    [InlineData("2026-08-14T24:00:00")]
    [InlineData("2026-08-14T18:25:43.")]
    [InlineData("2026-08-14T18:25:43+24:00")]
    [InlineData("2026-08-14T18:25:43Z+01:00")]
    public void Fromisoformat_refuses_what_python_refuses(string text) =>
        PythonDateTime.TryFromIsoFormat(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0", true)]
    [InlineData("true", true)]
    [InlineData("\"1\"", false)]
    [InlineData("null", false)]
    [InlineData("[1]", false)]
    public void Equality_is_pythons(string json, bool equalsOne) => PythonValue.AreEqual(Parse(json), Parse("1")).ShouldBe(equalsOne);

    [Fact]
    public void Dicts_are_equal_whatever_their_key_order() =>
        PythonValue.AreEqual(Parse("""{"a": [1, {"b": null}], "c": false}"""), Parse("""{"c": 0, "a": [1.0, {"b": null}]}""")).ShouldBeTrue();

    [Theory]
    [InlineData("\" 12.5 \"", 12.5)]
    [InlineData("\"1_0\"", 10.0)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity)]
    [InlineData("\"1e3\"", 1000.0)]
    [InlineData("false", 0.0)]
    [InlineData("7", 7.0)]
    public void Float_converts_as_python_does(string json, double value)
    {
        PythonFloat.TryConvert(Parse(json), out var result).ShouldBeTrue();
        result.ShouldBe(value);
    }

    [Theory]
    [InlineData("\"five\"")]
    [InlineData("\"1__0\"")]
    [InlineData("\"--1\"")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Float_refuses_what_python_refuses(string json) => PythonFloat.TryConvert(Parse(json), out _).ShouldBeFalse();

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

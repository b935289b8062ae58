using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Kryten.BridgeSimulator.Python;

/// <summary>
/// Writes JSON exactly as Python's <c>json.dumps</c> with default settings (wire-contract §0.2): <c>", "</c> and
/// <c>": "</c> separators, every character outside U+0020..U+007E escaped as lowercase <c>\uXXXX</c>. The real bridge
/// produces its envelopes and replies this way, so the simulator must too.
/// </summary>
internal sealed class PythonJsonWriter
{
    private readonly StringBuilder _text = new();
    private bool _needsComma;

    public PythonJsonWriter StartObject() => Open('{');

    public PythonJsonWriter EndObject() => Close('}');

    public PythonJsonWriter StartArray() => Open('[');

    public PythonJsonWriter EndArray() => Close(']');

    public PythonJsonWriter Key(string name)
    {
        Separate();
        WriteString(name);
        _text.Append(": ");
        return this;
    }

    public PythonJsonWriter String(string value) => Value(() => WriteString(value));

    public PythonJsonWriter Number(long value) => Value(() => _text.Append(value.ToString(CultureInfo.InvariantCulture)));

    public PythonJsonWriter Number(BigInteger value) => Value(() => _text.Append(value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A Python float: <c>repr</c>, except that <c>json.dumps</c> writes the non-finite ones as bare tokens.</summary>
    public PythonJsonWriter Number(double value) => Value(() => _text.Append(
        double.IsNaN(value) ? "NaN" : double.IsInfinity(value) ? (value > 0 ? "Infinity" : "-Infinity") : PythonFloat.Repr(value)));

    /// <summary>Text that already is <c>json.dumps</c> output, such as an envelope the bridge embeds in a reply.</summary>
    public PythonJsonWriter Raw(string json) => Value(() => _text.Append(json));

    public PythonJsonWriter Bool(bool value) => Value(() => _text.Append(value ? "true" : "false"));

    public PythonJsonWriter Null() => Value(() => _text.Append("null"));

    /// <summary>
    /// Re-serializes parsed JSON as <c>json.dumps(json.loads(...))</c> would: an integer keeps its digits (any size),
    /// a float becomes its Python repr (<c>1.50</c> → <c>1.5</c>, <c>1E5</c> → <c>100000.0</c>).
    /// </summary>
    public PythonJsonWriter Element(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                StartObject();
                foreach (var property in element.EnumerateObject()) Key(property.Name).Element(property.Value);
                return EndObject();
            case JsonValueKind.Array:
                StartArray();
                foreach (var item in element.EnumerateArray()) Element(item);
                return EndArray();
            case JsonValueKind.String:
                return String(PythonValue.Text(element));
            case JsonValueKind.Number when PythonValue.IsInt(element):
                return Number(BigInteger.Parse(element.GetRawText(), CultureInfo.InvariantCulture));
            case JsonValueKind.Number:
                return Number(PythonValue.ToDouble(element));
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Bool(element.ValueKind == JsonValueKind.True);
            default:
                return Null();
        }
    }

    public override string ToString() => _text.ToString();

    /// <summary>The written JSON parsed back, for a value the simulator keeps and changes later.</summary>
    public JsonElement ToElement()
    {
        using var parsed = JsonDocument.Parse(_text.ToString());
        return parsed.RootElement.Clone();
    }

    /// <summary>The text as bytes; ASCII only, because every other character is escaped.</summary>
    public byte[] ToUtf8() => Encoding.ASCII.GetBytes(_text.ToString());

    private PythonJsonWriter Open(char bracket)
    {
        Separate();
        _text.Append(bracket);
        _needsComma = false;
        return this;
    }

    private PythonJsonWriter Close(char bracket)
    {
        _text.Append(bracket);
        _needsComma = true;
        return this;
    }

    private PythonJsonWriter Value(Action write)
    {
        Separate();
        write();
        _needsComma = true;
        return this;
    }

    private void Separate()
    {
        if (_needsComma) _text.Append(", ");
        _needsComma = false;
    }

    private void WriteString(string value) => JsonStringEscaper.Append(_text, value, asciiOnly: true);
}

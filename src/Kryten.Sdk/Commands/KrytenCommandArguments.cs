using System.Globalization;
using System.Text.Json;

namespace Kryten.Sdk;

/// <summary>
/// Command arguments given as text (a command line), by parameter name, read by the generated catalogue
/// (<see cref="KrytenCommandInfo"/>) into the types of the generated method. A value that is not of its kind is a
/// <see cref="KrytenValidationException"/> with the rule <c>type</c>; the schema's rules are checked afterwards by the
/// generated arguments class.
/// </summary>
/// <example><code>var args = new KrytenCommandArguments(new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt; { ["message"] = ["hello"] });</code></example>
public sealed class KrytenCommandArguments
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _values;

    /// <summary>Wraps the values given; an absent name is an argument not given (its default applies).</summary>
    /// <param name="values">Texts by parameter name; several only for <see cref="KrytenParameterKind.TextList"/>.</param>
    public KrytenCommandArguments(IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>The text given for <paramref name="name"/>, or null.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The last value given, or null.</returns>
    public string? Text(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or null when not given.</returns>
    /// <exception cref="KrytenValidationException">The text is not a boolean.</exception>
    public bool? Boolean(string name) => Text(name) is { } text
        ? bool.TryParse(text, out var value) ? value : throw NotA(name, "true or false", text)
        : null;

    /// <summary>Reads an int32.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or null when not given.</returns>
    /// <exception cref="KrytenValidationException">The text is not an integer in range.</exception>
    public int? Int32(string name) => Text(name) is { } text
        ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw NotA(name, "an integer", text)
        : null;

    /// <summary>Reads an int64.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or null when not given.</returns>
    /// <exception cref="KrytenValidationException">The text is not an integer in range.</exception>
    public long? Int64(string name) => Text(name) is { } text
        ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw NotA(name, "an integer", text)
        : null;

    /// <summary>Reads a number.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or null when not given.</returns>
    /// <exception cref="KrytenValidationException">The text is not a finite number.</exception>
    public double? Double(string name) => Text(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : throw NotA(name, "a number", text)
        : null;

    /// <summary>Every text given for a list parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The values, or null when none was given.</returns>
    public IReadOnlyList<string>? TextList(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v : null;

    /// <summary>Reads a JSON object with any values.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The members, or null when not given.</returns>
    /// <exception cref="KrytenValidationException">The text is not a JSON object.</exception>
    public IReadOnlyDictionary<string, JsonElement>? JsonMap(string name) =>
        ReadObject(name, "a JSON object", static member => member.Clone());

    /// <summary>Reads a JSON object whose values are numbers.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The members, or null when not given.</returns>
    /// <exception cref="KrytenValidationException">The text is not a JSON object of numbers.</exception>
    public IReadOnlyDictionary<string, double>? NumberMap(string name) =>
        ReadObject(name, "a JSON object of numbers", static member => member.ValueKind == JsonValueKind.Number ? member.GetDouble() : throw new FormatException());

    /// <summary>The error for a required argument that was not given.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The exception to throw.</returns>
    public KrytenValidationException Missing(string name) => new(name, "required", $"'{name}' is required.");

    private Dictionary<string, T>? ReadObject<T>(string name, string expected, Func<JsonElement, T> read)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw NotA(name, expected, text);
            }

            var result = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                result[member.Name] = read(member.Value);
            }

            return result;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw NotA(name, expected, text);
        }
    }

    private static KrytenValidationException NotA(string name, string expected, string text) =>
        new(name, "type", $"'{name}' must be {expected}, not '{text}'.");
}

using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Kryten.Sdk.Events;

namespace Kryten.Sdk.Serialization;

/// <summary>
/// The schema's derived properties (<c>derived:</c> kinds <c>integerOrNumericString</c>, <c>equalsString</c>,
/// <c>truthy</c>, <c>anyString</c>, <c>path</c>), computed from a record's stored values. Public because generated
/// records in user assemblies call it.
/// </summary>
/// <example>
/// <code>
/// using System.Text.Json;
///
/// long? uid = KrytenDerivedValues.IntegerOrNumericString(JsonDocument.Parse("\"17\"").RootElement); // 17 for 17 or "17", null for "prepend"
/// </code>
/// </example>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KrytenDerivedValues
{
    /// <summary>An integer, or a string of digits read as one; otherwise null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The integer, or null.</returns>
    public static long? IntegerOrNumericString(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } e => IntegerOrNumericString(e.GetString()),
        _ => null,
    };

    /// <summary>An integral number, or a string of digits read as one; otherwise null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The integer, or null.</returns>
    public static long? IntegerOrNumericString(StringOrNumber? value) =>
        value is { Number: { } n } && n == Math.Floor(n) && Math.Abs(n) < 9e15 ? (long)n : IntegerOrNumericString(value?.Text);

    /// <summary>A string of digits read as an integer; otherwise null.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The integer, or null.</returns>
    public static long? IntegerOrNumericString(string? value) =>
        !string.IsNullOrEmpty(value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Whether the value is the string <paramref name="expected"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="expected">The string.</param>
    /// <returns>True on an exact match.</returns>
    public static bool EqualsString(JsonElement? value, string expected) => value is { ValueKind: JsonValueKind.String } e && e.ValueEquals(expected);

    /// <summary>Whether the value is the string <paramref name="expected"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="expected">The string.</param>
    /// <returns>True on an exact match.</returns>
    public static bool EqualsString(StringOrNumber? value, string expected) => value?.Text == expected;

    /// <summary>Whether the value is the string <paramref name="expected"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="expected">The string.</param>
    /// <returns>True on an exact match.</returns>
    public static bool EqualsString(string? value, string expected) => value == expected;

    /// <summary>JavaScript truthiness: true, a non-empty string, a non-zero number, any object or array.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether JavaScript would treat it as true.</returns>
    public static bool Truthy(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.String } e => e.GetString()!.Length > 0,
        { ValueKind: JsonValueKind.Number } e => !e.TryGetDouble(out var d) || d != 0,
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } => true,
        _ => false,
    };

    /// <summary>JavaScript truthiness of a number or string.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether JavaScript would treat it as true.</returns>
    public static bool Truthy(StringOrNumber? value) => value is { } v && (v.Number is { } n ? n != 0 : !string.IsNullOrEmpty(v.Text));

    /// <summary>Whether any item is a string (hidden poll counts are strings such as <c>"?"</c>).</summary>
    /// <param name="values">The items.</param>
    /// <returns>True when one is a string.</returns>
    public static bool AnyString(IReadOnlyList<JsonElement>? values) => values is not null && values.Any(v => v.ValueKind == JsonValueKind.String);

    /// <summary>Whether any item is a string.</summary>
    /// <param name="values">The items.</param>
    /// <returns>True when one is a string.</returns>
    public static bool AnyString(IReadOnlyList<StringOrNumber>? values) => values is not null && values.Any(v => v.Text is not null);

    /// <summary>The string at <paramref name="path"/> below an object, or null when any step is missing or not a string.</summary>
    /// <param name="value">The object.</param>
    /// <param name="path">Keys, outermost first.</param>
    /// <returns>The string, or null.</returns>
    public static string? PathString(JsonElement? value, params string[] path)
    {
        if (value is not { } current) return null;
        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current)) return null;
        }
        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }
}

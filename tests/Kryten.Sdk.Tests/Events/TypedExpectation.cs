using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Kryten.Sdk.Tests.Events;

/// <summary>
/// Compares a vector's <c>expect.typed</c> object with a parsed event record, by reflection (tests only).
/// Each key maps to the property named PascalCase(key) (snake_case parts joined), compared without case so that
/// CyTube's run-together keys (<c>queueby</c>, <c>pagetitle</c>) can have readable names (<c>QueueBy</c>, <c>PageTitle</c>). Numbers compare as doubles,
/// <c>*Utc</c> instants as ISO-8601 UTC with 3 fractional digits, lists element-wise, nested objects recursively,
/// <c>JsonElement</c> properties by JSON equality. A key <c>count</c> without a property of that name is the count of
/// the sibling list or map the vector also gives.
/// </summary>
internal static class TypedExpectation
{
    /// <summary>Throws <see cref="TypedMismatchException"/> at the first difference.</summary>
    public static void AssertMatches(JsonElement expected, object? actual) => Match(expected, actual, "$");

    public static string PascalCase(string key) =>
        string.Concat(key.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static void Match(JsonElement expected, object? actual, string path)
    {
        if (actual is JsonElement json)
        {
            MatchJson(expected, json, path);
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Null:
                if (actual is not null) Fail(path, "null", actual);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (actual is not bool b || b != expected.GetBoolean()) Fail(path, expected.GetRawText(), actual);
                break;
            case JsonValueKind.Number:
                if (NumberOf(actual) is not { } number || number != expected.GetDouble()) Fail(path, expected.GetRawText(), actual);
                break;
            case JsonValueKind.String:
                if (TextOf(actual) is not { } text || text != expected.GetString()) Fail(path, expected.GetRawText(), actual);
                break;
            case JsonValueKind.Array:
                MatchList(expected, actual, path);
                break;
            case JsonValueKind.Object:
                if (Entries(actual) is { } map) MatchMap(expected, map, path);
                else MatchObject(expected, actual, path);
                break;
            default:
                throw new TypedMismatchException($"{path}: unsupported expectation {expected.ValueKind}");
        }
    }

    private static void MatchJson(JsonElement expected, JsonElement actual, string path)
    {
        var actualIsNull = actual.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        if (expected.ValueKind == JsonValueKind.Null ? !actualIsNull : actualIsNull || !JsonElement.DeepEquals(expected, actual))
        {
            Fail(path, expected.GetRawText(), actualIsNull ? null : actual.GetRawText());
        }
    }

    private static void MatchList(JsonElement expected, object? actual, string path)
    {
        if (actual is null or string || actual is not IEnumerable items) { Fail(path, "a list", actual); return; }
        var list = items.Cast<object?>().ToList();
        if (list.Count != expected.GetArrayLength()) Fail(path, $"{expected.GetArrayLength()} elements", $"{list.Count} elements");
        var i = 0;
        foreach (var element in expected.EnumerateArray())
        {
            Match(element, list[i], $"{path}[{i}]");
            i++;
        }
    }

    private static void MatchMap(JsonElement expected, IReadOnlyDictionary<string, object?> map, string path)
    {
        var keys = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
        if (!keys.SetEquals(map.Keys)) Fail(path, "keys " + string.Join(",", keys.Order()), "keys " + string.Join(",", map.Keys.Order()));
        foreach (var property in expected.EnumerateObject()) Match(property.Value, map[property.Name], $"{path}.{property.Name}");
    }

    private static void MatchObject(JsonElement expected, object? actual, string path)
    {
        if (actual is null) { Fail(path, "an object", null); return; }
        var type = actual.GetType();
        foreach (var property in expected.EnumerateObject())
        {
            var keyPath = $"{path}.{property.Name}";
            var clrProperty = PropertyFor(type, property.Name);
            if (clrProperty is not null)
            {
                Match(property.Value, clrProperty.GetValue(actual), keyPath);
            }
            else if (property.Name == "count")
            {
                MatchSiblingCount(expected, property.Value, actual, keyPath);
            }
            else if (ExtraEntry(actual, property.Name) is { } extra)
            {
                MatchJson(property.Value, extra, keyPath);
            }
            else
            {
                throw new TypedMismatchException($"{keyPath}: {type.Name} has no property {PascalCase(property.Name)}");
            }
        }
    }

    private static PropertyInfo? PropertyFor(Type type, string key) =>
        type.GetProperty(PascalCase(key), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

    // The vectors give arrays and maps as `count` plus the collection; the record exposes only the collection.
    private static void MatchSiblingCount(JsonElement expected, JsonElement count, object actual, string path)
    {
        var collections = expected.EnumerateObject()
            .Where(p => p.Name != "count" && p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            .Select(p => PropertyFor(actual.GetType(), p.Name)?.GetValue(actual))
            .Where(v => v is IEnumerable and not string)
            .ToList();
        if (collections.Count != 1) throw new TypedMismatchException($"{path}: no Count property and {collections.Count} sibling collections");
        var actualCount = ((IEnumerable)collections[0]!).Cast<object?>().Count();
        if (actualCount != count.GetDouble()) Fail(path, count.GetRawText(), actualCount);
    }

    private static JsonElement? ExtraEntry(object actual, string key) =>
        actual.GetType().GetProperty("Extra")?.GetValue(actual) is IReadOnlyDictionary<string, JsonElement> extra
        && extra.TryGetValue(key, out var value)
            ? value
            : null;

    private static double? NumberOf(object? actual) => actual switch
    {
        int or long or double or float or decimal or short or byte or uint or ulong => Convert.ToDouble(actual, CultureInfo.InvariantCulture),
        _ when UnionPart(actual, "Number") is { } n => NumberOf(n),
        _ => null,
    };

    private static string? TextOf(object? actual) => actual switch
    {
        string s => s,
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        _ when UnionPart(actual, "Text") is string s => s,
        _ => null,
    };

    // A generated string-or-number value (poll counts, `after`): compare the side that is set.
    private static object? UnionPart(object? actual, string side) =>
        actual is not null && actual.GetType().Name.Contains("StringOrNumber", StringComparison.Ordinal)
            ? actual.GetType().GetProperty(side)?.GetValue(actual)
            : null;

    private static IReadOnlyDictionary<string, object?>? Entries(object? actual)
    {
        if (actual is null) return null;
        var dictionaryType = actual.GetType().GetInterfaces().FirstOrDefault(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && i.GenericTypeArguments[0] == typeof(string));
        if (dictionaryType is null) return null;
        var result = new Dictionary<string, object?>();
        foreach (var entry in (IEnumerable)actual)
        {
            var entryType = entry!.GetType();
            result[(string)entryType.GetProperty("Key")!.GetValue(entry)!] = entryType.GetProperty("Value")!.GetValue(entry);
        }

        return result;
    }

    private static void Fail(string path, string expected, object? actual) =>
        throw new TypedMismatchException($"{path}: expected {expected}, got {Describe(actual)}");

    private static string Describe(object? actual) => actual switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        _ => $"{actual} ({actual.GetType().Name})",
    };
}

/// <summary>A typed event differs from the vector's expectation.</summary>
internal sealed class TypedMismatchException(string message) : Exception(message);

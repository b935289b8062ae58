using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Argument values for the examples in the generated command docs. A value keeps the argument's rules (an example that
/// threw <c>KrytenValidationException</c> would teach the wrong call), and is a C# expression that compiles with the
/// implicit usings of a project and the SDK's namespaces: the docs tests compile every generated example.
/// </summary>
internal static class CommandSamples
{
    /// <summary>A C# expression for <paramref name="arg"/> that its rules accept.</summary>
    public static string For(ArgModel arg) => For(arg.Name, arg.Type, arg.Rules);

    /// <summary>The bound <paramref name="key"/> (<c>min</c> or <c>max</c>) of a range rule, as a C# number; null when open.</summary>
    public static string? Bound(RuleModel rule, string key, int position)
    {
        var named = rule.Values.FirstOrDefault(v => v.StartsWith(key + "=", System.StringComparison.Ordinal));
        var text = named?.Substring(key.Length + 1) ?? (rule.Values.All(v => !v.Contains("=")) && rule.Values.Count > position ? rule.Values[position] : null);
        return string.IsNullOrEmpty(text) ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }

    private static string For(string name, TypeRef type, EquatableArray<RuleModel> rules) => type.Kind switch
    {
        ValueKind.String => Names.Literal(Text(name, rules)),
        ValueKind.Bool => "true",
        ValueKind.Int or ValueKind.Long or ValueKind.Double => Number(rules),
        ValueKind.Json => "System.Text.Json.JsonSerializer.SerializeToElement(true)",
        ValueKind.List when type.Element!.Kind == ValueKind.String => "[\"a\", \"b\"]",
        ValueKind.List => $"[{For(name, type.Element!, EquatableArray<RuleModel>.Empty)}]",
        ValueKind.Map => $"new Dictionary<string, {Names.CSharp(type.Element!).Replace("global::", string.Empty)}> {{ [\"key\"] = {For(name, type.Element!, EquatableArray<RuleModel>.Empty)} }}",
        _ => name,
    };

    // The first enum value; else the argument's name, or a digit string, whichever the pattern (if any) accepts.
    private static string Text(string name, EquatableArray<RuleModel> rules)
    {
        if (rules.FirstOrDefault(r => r.Kind == "enum") is { } values)
        {
            return values.Values[0];
        }

        var pattern = rules.FirstOrDefault(r => r.Kind == "pattern")?.Values[0];
        return new[] { name, "17" }.FirstOrDefault(c => pattern is null || Regex.IsMatch(c, pattern, RegexOptions.CultureInvariant)) ?? name;
    }

    private static string Number(EquatableArray<RuleModel> rules)
    {
        var range = rules.FirstOrDefault(r => r.Kind == "range");
        var min = range is null ? null : Bound(range, "min", 0);
        return min is not null && double.Parse(min, NumberStyles.Float, CultureInfo.InvariantCulture) > 1 ? min : "1";
    }
}

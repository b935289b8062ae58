using System.Text.Json;

namespace Kryten.Sdk.Tests.Support;

/// <summary>JSON value equality: objects compare as key sets (order-free), numbers by value, the rest exactly.</summary>
public static class JsonSemantics
{
    public static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                var right = b.EnumerateObject().ToList();
                if (left.Count != right.Count) return false;
                foreach (var p in left)
                {
                    if (!b.TryGetProperty(p.Name, out var other) || !Equal(p.Value, other)) return false;
                }
                return true;
            case JsonValueKind.Array:
                var x = a.EnumerateArray().ToList();
                var y = b.EnumerateArray().ToList();
                return x.Count == y.Count && x.Zip(y).All(t => Equal(t.First, t.Second));
            case JsonValueKind.Number:
                return a.GetRawText() == b.GetRawText() || a.GetDouble() == b.GetDouble();
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return true;
        }
    }
}

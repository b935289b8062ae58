using System.Text.Json;
using Kryten.BridgeSimulator.Python;

namespace Kryten.BridgeSimulator.Commands;

/// <summary>
/// A handler's arguments (<c>args</c>, or <c>payload</c> for <c>playlist.*</c>) read the way the bridge's Python reads
/// them: <c>args.get(key)</c> is None for a missing key, <c>args.get(key, default)</c> falls back only when the key is
/// missing (an explicit null stays None), and <c>args.get(a) or args.get(b)</c> takes the first truthy one.
/// </summary>
internal readonly struct CommandArgs(JsonElement dict)
{
    public static JsonElement EmptyString { get; } = Literal("\"\"");

    public static JsonElement True { get; } = Literal("true");

    public static JsonElement False { get; } = Literal("false");

    public static JsonElement Zero { get; } = Literal("0");

    public static JsonElement EmptyObject { get; } = Literal("{}");

    public static JsonElement EmptyArray { get; } = Literal("[]");

    /// <summary><c>args.get(key)</c>; <see cref="JsonValueKind.Undefined"/> when missing.</summary>
    public JsonElement this[string key] =>
        dict.ValueKind == JsonValueKind.Object && dict.TryGetProperty(key, out var value) ? value : default;

    /// <summary><c>args.get(key, fallback)</c>.</summary>
    public JsonElement Get(string key, JsonElement fallback) =>
        dict.ValueKind == JsonValueKind.Object && dict.TryGetProperty(key, out var value) ? value : fallback;

    /// <summary><c>args.get(key) or args.get(alternative)</c>.</summary>
    public JsonElement Either(string key, string alternative) =>
        PythonValue.IsTruthy(this[key]) ? this[key] : this[alternative];

    public static JsonElement Literal(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

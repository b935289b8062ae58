using System.Text.Json;

namespace Kryten.BridgeSimulator.Python;

/// <summary>Changes to a parsed dict that keep Python's key order.</summary>
internal static class PythonDict
{
    /// <summary>
    /// <c>d[key] = value</c> on a copy (or <c>{**d, key: value}</c>): an existing key keeps its place, a new one goes
    /// last.
    /// </summary>
    public static JsonElement With(JsonElement dict, string key, Action<PythonJsonWriter> writeValue)
    {
        var json = new PythonJsonWriter().StartObject();
        var found = false;
        foreach (var property in dict.EnumerateObject())
        {
            json.Key(property.Name);
            if (property.NameEquals(key))
            {
                writeValue(json);
                found = true;
            }
            else json.Element(property.Value);
        }
        if (!found) writeValue(json.Key(key));
        return json.EndObject().ToElement();
    }
}

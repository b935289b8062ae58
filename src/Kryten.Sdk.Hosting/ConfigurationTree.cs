using System.Globalization;
using Kryten.Sdk.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kryten.Sdk.Hosting;

/// <summary>
/// A configuration section as the SDK's format-neutral tree, so <c>appsettings.json</c>, environment variables and
/// every other configuration source go through the same binder and validator as <c>kryten.yaml</c>: the same keys,
/// the same durations (<c>10s</c>), unknown keys reported, and lists that replace the defaults instead of appending
/// to them (what <c>ConfigurationBinder</c> does to a list that already holds a default server).
/// </summary>
internal static class ConfigurationTree
{
    public static ConfigNode From(IConfiguration section) => Convert(section, "");

    private static ConfigNode Convert(IConfiguration section, string path)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            var value = (section as IConfigurationSection)?.Value;
            return value is null && path.Length == 0 ? new ConfigMap(path, []) : new ConfigScalar(path, value);
        }
        // Configuration has no arrays: a list is a section whose keys are 0, 1, 2, ...
        var indexes = children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        if (indexes.Order().SequenceEqual(Enumerable.Range(0, children.Count)))
        {
            return new ConfigList(path, children.Zip(indexes).OrderBy(p => p.Second)
                .Select(p => Convert(p.First, ConfigPath.Index(path, p.Second))).ToList());
        }
        return new ConfigMap(path, children
            .Select(c => new KeyValuePair<string, ConfigNode>(c.Key, Convert(c, ConfigPath.Child(path, c.Key))))
            .ToList());
    }
}

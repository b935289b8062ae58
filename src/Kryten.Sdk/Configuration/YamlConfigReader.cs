using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kryten.Sdk.Configuration;

/// <summary>Reads YAML configuration into a <see cref="ConfigNode"/> tree with YamlDotNet's representation model (no reflection deserializer, AOT-safe).</summary>
internal static class YamlConfigReader
{
    public static ConfigNode Read(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        var parser = new Parser(reader);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new KrytenConfigurationException([$"(file): not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}"]);
        }
        catch (InvalidOperationException) when (parser.Current is { } last)
        {
            // YamlDotNet 16.3 throws this instead of a YamlException when a [ ] or { } left open is followed by a
            // plain value on the next line ("a: [x\nb: y"); the last event it read is the best position it has.
            throw new KrytenConfigurationException([$"(file): not valid YAML after line {last.Start.Line}, column {last.Start.Column}: is a [ ] or {{ }} left open?"]);
        }
        return stream.Documents.Count == 0 ? new ConfigMap("", []) : Convert(stream.Documents[0].RootNode, "");
    }

    private static ConfigNode Convert(YamlNode node, string path) => node switch
    {
        YamlMappingNode map => new ConfigMap(path, map.Children
            .Select(kv => new KeyValuePair<string, ConfigNode>(Key(kv.Key), Convert(kv.Value, ConfigPath.Child(path, Key(kv.Key))))).ToList()),
        YamlSequenceNode seq => new ConfigList(path, seq.Children.Select((item, i) => Convert(item, ConfigPath.Index(path, i))).ToList()),
        YamlScalarNode scalar => new ConfigScalar(path, IsNull(scalar) ? null : scalar.Value),
        _ => new ConfigScalar(path, null),
    };

    private static string Key(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

    private static bool IsNull(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");
}

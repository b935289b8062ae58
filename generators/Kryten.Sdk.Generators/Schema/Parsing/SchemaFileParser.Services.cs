using System.Collections.Generic;
using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;
using YamlDotNet.RepresentationModel;

namespace Kryten.Sdk.Generators.Schema.Parsing;

/// <summary>Parsing of service contracts (<c>services:</c>); their arguments use the command argument format.</summary>
internal static partial class SchemaFileParser
{
    private static ServiceDecl? ParseService(YamlNodeReader reader, YamlNode node)
    {
        if (reader.AsMap(node, "a service") is not { } map)
        {
            return null;
        }

        reader.CheckKeys(map, "a service", "name", "class", "doc", "errors", "commands");
        var name = reader.RequiredString(map, "name", "A service");
        var errors = new List<ServiceErrorDecl>();
        foreach (var item in reader.Sequence(map, "errors"))
        {
            if (reader.AsMap(item, $"an error of service '{name}'") is { } e)
            {
                reader.CheckKeys(e, $"an error of service '{name}'", "code", "doc");
                errors.Add(new ServiceErrorDecl(reader.RequiredString(e, "code", $"An error of service '{name}'"), reader.OptionalString(e, "doc"), reader.Locate(e)));
            }
        }

        var commands = new List<ServiceCommandDecl>();
        foreach (var item in reader.Sequence(map, "commands"))
        {
            if (reader.AsMap(item, $"a command of service '{name}'") is { } c)
            {
                commands.Add(ParseServiceCommand(reader, c, name));
            }
        }

        return new ServiceDecl(name, reader.OptionalString(map, "class"), reader.OptionalString(map, "doc"), errors.ToEquatableArray(), commands.ToEquatableArray(), reader.Locate(map));
    }

    private static ServiceCommandDecl ParseServiceCommand(YamlNodeReader reader, YamlMappingNode map, string service)
    {
        var what = $"a command of service '{service}'";
        reader.CheckKeys(map, what, "command", "method", "aliases", "doc", "args", "reply", "replyDoc", "errors");
        var command = reader.RequiredString(map, "command", $"A command of service '{service}'");
        var args = new List<ArgDecl>();
        foreach (var item in reader.Sequence(map, "args"))
        {
            if (reader.AsMap(item, $"an argument of '{command}'") is { } a)
            {
                args.Add(ParseArg(reader, a, command));
            }
        }

        return new ServiceCommandDecl(
            command,
            reader.OptionalString(map, "method"),
            Scalars(reader, map, "aliases"),
            reader.OptionalString(map, "doc"),
            args.ToEquatableArray(),
            reader.OptionalString(map, "reply"),
            reader.OptionalString(map, "replyDoc"),
            Scalars(reader, map, "errors"),
            reader.Locate(map));
    }

    private static EquatableArray<string> Scalars(YamlNodeReader reader, YamlMappingNode map, string key) =>
        reader.Sequence(map, key).OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToEquatableArray();
}

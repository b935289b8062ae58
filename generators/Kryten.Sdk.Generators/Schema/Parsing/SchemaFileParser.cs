using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Kryten.Sdk.Generators.Schema.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kryten.Sdk.Generators.Schema.Parsing;

/// <summary>
/// Step 1 of the schema pipeline: one YAML file → <see cref="SchemaFile"/> with names still
/// unresolved. Never throws: malformed input and internal failures become diagnostics.
/// </summary>
internal static partial class SchemaFileParser
{
    private static readonly string[] FieldKeys = ["json", "name", "type", "doc", "absent", "default", "nullable", "flatten"];

    public static SchemaFile Parse(string path, string? text, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var reader = new YamlNodeReader(path, diagnostics);
        var types = new List<TypeDecl>();
        var events = new List<EventDecl>();
        var commands = new List<CommandDecl>();
        var services = new List<ServiceDecl>();
        WireDecl? wire = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text ?? string.Empty));
            cancellationToken.ThrowIfCancellationRequested();
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root is YamlMappingNode map)
            {
                reader.CheckKeys(map, "a schema file", "types", "events", "commands", "queries", "services", "wire");
                types.AddRange(reader.Sequence(map, "types").Select(n => ParseType(reader, n)).OfType<TypeDecl>());
                events.AddRange(reader.Sequence(map, "events").Select(n => ParseEvent(reader, n)).OfType<EventDecl>());
                commands.AddRange(reader.Sequence(map, "commands").Select(n => ParseCommand(reader, n, isQuery: false)).OfType<CommandDecl>());
                commands.AddRange(reader.Sequence(map, "queries").Select(n => ParseCommand(reader, n, isQuery: true)).OfType<CommandDecl>());
                services.AddRange(reader.Sequence(map, "services").Select(n => ParseService(reader, n)).OfType<ServiceDecl>());
                if (reader.Get(map, "wire") is { } wireNode)
                {
                    wire = ParseWire(reader, wireNode);
                }
            }
            else if (root is not null && !(root is YamlScalarNode s && YamlNodeReader.IsNull(s)))
            {
                reader.Report(DiagnosticDescriptors.InvalidYaml, root, path, "the document must be a mapping with types:, events:, commands:, queries:, services: or wire:");
            }
        }
        catch (YamlException e)
        {
            reader.Report(DiagnosticDescriptors.InvalidYaml, reader.Locate(e.Start, e.End), path, e.Message);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            reader.Report(DiagnosticDescriptors.GeneratorFailure, (LocationInfo?)null, path, e.GetType().Name + ": " + e.Message);
        }

        return new SchemaFile(path, types.ToEquatableArray(), events.ToEquatableArray(), commands.ToEquatableArray(), wire, diagnostics.ToEquatableArray(), services.ToEquatableArray());
    }

    private static TypeDecl? ParseType(YamlNodeReader reader, YamlNode node)
    {
        if (reader.AsMap(node, "a type") is not { } map)
        {
            return null;
        }

        reader.CheckKeys(map, "a type", "name", "doc", "fields", "extra", "derived", "note");
        var name = reader.RequiredString(map, "name", "A type");
        return new TypeDecl(
            name,
            reader.OptionalString(map, "doc"),
            ParseFields(reader, map, "fields", $"type '{name}'"),
            ParseExtra(reader, map),
            reader.Locate(map),
            ParseDerived(reader, map));
    }

    private static EventDecl? ParseEvent(YamlNodeReader reader, YamlNode node)
    {
        if (reader.AsMap(node, "an event") is not { } map)
        {
            return null;
        }

        reader.CheckKeys(map, "an event", "cytube", "lifecycle", "record", "doc", "payload", "fields", "value", "items", "args", "derived", "tags", "extra", "note");
        var lifecycle = reader.Get(map, "lifecycle") is not null;
        var cytube = lifecycle ? ParseLifecycleName(reader, map) : reader.RequiredString(map, "cytube", "An event");
        var record = reader.RequiredString(map, "record", $"Event '{cytube}'");
        var payloadText = reader.OptionalText(map, "payload") ?? "object";
        var payload = payloadText switch
        {
            "object" => PayloadKind.Object,
            "array" => PayloadKind.Array,
            "string" => PayloadKind.String,
            "number" => PayloadKind.Number,
            "boolean" => PayloadKind.Boolean,
            "null" => PayloadKind.Null,
            _ => (PayloadKind?)null,
        };
        if (payload is null)
        {
            reader.Report(DiagnosticDescriptors.InvalidValue, reader.Get(map, "payload")!, payloadText, "payload", "object, array, string, number, boolean or null");
            payload = PayloadKind.Object;
        }

        var derived = ParseDerived(reader, map);
        var tags = reader.Sequence(map, "tags").OfType<YamlScalarNode>().Select(t => t.Value ?? string.Empty);
        return new EventDecl(
            cytube,
            record,
            reader.OptionalString(map, "doc"),
            payload.Value,
            ParseFields(reader, map, "fields", $"event '{cytube}'"),
            ParseSingle(reader, map, "value"),
            ParseSingle(reader, map, "items"),
            ParseFields(reader, map, "args", $"event '{cytube}'", positional: true),
            derived,
            tags.ToEquatableArray(),
            ParseExtra(reader, map),
            reader.Locate(map),
            lifecycle);
    }

    // A lifecycle event is named by its subject after the lifecycle prefix, "{service}.{event}" (robot.startup,
    // group.restart): two NATS tokens, because the runtime routes it by the subject it arrives on.
    private static string ParseLifecycleName(YamlNodeReader reader, YamlMappingNode map)
    {
        var name = reader.RequiredString(map, "lifecycle", "A lifecycle event");
        if (reader.Get(map, "cytube") is { } cytube)
        {
            reader.Report(DiagnosticDescriptors.InvalidValue, cytube, reader.OptionalString(map, "cytube") ?? string.Empty, "cytube", "no cytube: on a lifecycle event");
        }

        var tokens = name.Split('.');
        if (name.Length > 0 && (tokens.Length != 2 || tokens.Any(t => t.Length == 0 || t.IndexOfAny([' ', '\t', '\r', '\n', '*', '>']) >= 0)))
        {
            reader.Report(DiagnosticDescriptors.InvalidValue, reader.Get(map, "lifecycle")!, name, "lifecycle", "{service}.{event}, two NATS subject tokens (e.g. robot.startup)");
        }

        return name;
    }

    private static EquatableArray<DerivedDecl> ParseDerived(YamlNodeReader reader, YamlMappingNode map)
    {
        var derived = new List<DerivedDecl>();
        foreach (var item in reader.Sequence(map, "derived"))
        {
            if (reader.AsMap(item, "a derived property") is not { } d)
            {
                continue;
            }

            reader.CheckKeys(d, "a derived property", "name", "kind", "from", "value", "doc");
            derived.Add(new DerivedDecl(
                reader.RequiredString(d, "name", "A derived property"),
                reader.RequiredString(d, "kind", "A derived property"),
                reader.RequiredString(d, "from", "A derived property"),
                reader.OptionalString(d, "value"),
                reader.OptionalString(d, "doc"),
                reader.Locate(d)));
        }

        return derived.ToEquatableArray();
    }

    private static bool ParseExtra(YamlNodeReader reader, YamlMappingNode map)
    {
        var extra = reader.OptionalString(map, "extra");
        if (extra is null or "ignore")
        {
            return false;
        }

        if (extra == "keep")
        {
            return true;
        }

        reader.Report(DiagnosticDescriptors.InvalidValue, reader.Get(map, "extra")!, extra, "extra", "keep or ignore");
        return false;
    }

    private static FieldDecl? ParseSingle(YamlNodeReader reader, YamlMappingNode map, string key)
    {
        var node = reader.Get(map, key);
        if (node is null || reader.AsMap(node, key) is not { } single)
        {
            return null;
        }

        return ParseField(reader, single, $"'{key}'", positional: true);
    }

    private static EquatableArray<FieldDecl> ParseFields(YamlNodeReader reader, YamlMappingNode map, string key, string owner, bool positional = false)
    {
        var fields = new List<FieldDecl>();
        foreach (var item in reader.Sequence(map, key))
        {
            if (reader.AsMap(item, "a field of " + owner) is { } f)
            {
                fields.Add(ParseField(reader, f, owner, positional));
            }
        }

        return fields.ToEquatableArray();
    }

    private static FieldDecl ParseField(YamlNodeReader reader, YamlMappingNode map, string owner, bool positional)
    {
        reader.CheckKeys(map, "a field of " + owner, FieldKeys);
        var json = positional ? reader.OptionalString(map, "json") ?? string.Empty : reader.RequiredString(map, "json", "A field of " + owner);
        var name = reader.RequiredString(map, "name", "A field of " + owner);
        var type = reader.RequiredString(map, "type", $"Field '{name}' of {owner}");
        var defaultValue = reader.OptionalString(map, "default");
        var absentText = reader.OptionalText(map, "absent");
        var absent = absentText switch
        {
            null => defaultValue is null ? Absence.Error : Absence.Default,
            "error" => Absence.Error,
            "null" => Absence.Null,
            "default" => Absence.Default,
            _ => (Absence?)null,
        };
        if (absent is null)
        {
            reader.Report(DiagnosticDescriptors.InvalidValue, reader.Get(map, "absent")!, absentText!, "absent", "error, null or default");
            absent = Absence.Error;
        }

        return new FieldDecl(
            json,
            name,
            type,
            reader.OptionalString(map, "doc"),
            absent.Value,
            defaultValue,
            reader.OptionalBool(map, "nullable", fallback: false),
            reader.Locate(map),
            reader.OptionalString(map, "flatten") is { } flatten && flatten != "false" ? (flatten == "true" ? string.Empty : flatten) : null);
    }

    private static CommandDecl? ParseCommand(YamlNodeReader reader, YamlNode node, bool isQuery)
    {
        var what = isQuery ? "a query" : "a command";
        if (reader.AsMap(node, what) is not { } map)
        {
            return null;
        }

        reader.CheckKeys(map, what, "method", "command", "doc", "frame", "rank", "remarks", "example", "placement", "args", "reply");
        var command = reader.RequiredString(map, "command", isQuery ? "A query" : "A command");
        var method = reader.RequiredString(map, "method", $"Command '{command}'");
        var placementText = reader.OptionalString(map, "placement");
        var placement = placementText switch
        {
            null => isQuery ? ArgsPlacement.TopLevel : ArgsPlacement.Args,
            "args" => ArgsPlacement.Args,
            "topLevel" => ArgsPlacement.TopLevel,
            _ => (ArgsPlacement?)null,
        };
        if (placement is null)
        {
            reader.Report(DiagnosticDescriptors.InvalidValue, reader.Get(map, "placement")!, placementText!, "placement", "args or topLevel");
            placement = ArgsPlacement.Args;
        }

        var args = new List<ArgDecl>();
        foreach (var item in reader.Sequence(map, "args"))
        {
            if (reader.AsMap(item, $"an argument of '{command}'") is { } a)
            {
                args.Add(ParseArg(reader, a, command));
            }
        }

        return new CommandDecl(
            method,
            command,
            isQuery,
            reader.OptionalString(map, "doc"),
            reader.OptionalString(map, "frame"),
            reader.OptionalString(map, "rank"),
            reader.OptionalString(map, "remarks"),
            reader.OptionalString(map, "example"),
            placement.Value,
            args.ToEquatableArray(),
            reader.OptionalString(map, "reply"),
            reader.Locate(map));
    }

    private static ArgDecl ParseArg(YamlNodeReader reader, YamlMappingNode map, string command)
    {
        var owner = $"an argument of '{command}'";
        reader.CheckKeys(map, owner, "name", "json", "type", "required", "default", "doc", "encode", "chatText", "rules");
        var name = reader.RequiredString(map, "name", "An argument of '" + command + "'");
        var defaultValue = reader.OptionalString(map, "default");
        var rules = new List<RuleDecl>();
        foreach (var item in reader.Sequence(map, "rules"))
        {
            if (reader.AsMap(item, $"a rule of '{name}'") is not { } r || r.Children.Count != 1)
            {
                reader.Report(DiagnosticDescriptors.InvalidRule, item, name, "a rule is a mapping with exactly one key, e.g. { maxLength: 320 }");
                continue;
            }

            var entry = r.Children.First();
            var kind = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            var values = entry.Value switch
            {
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToArray(),
                YamlMappingNode m => m.Children.Select(c => $"{(c.Key as YamlScalarNode)?.Value}={(c.Value as YamlScalarNode)?.Value}").ToArray(),
                YamlScalarNode s when !YamlNodeReader.IsNull(s) => new[] { s.Value ?? string.Empty },
                _ => Array.Empty<string>(),
            };
            rules.Add(new RuleDecl(kind, values.ToEquatableArray(), reader.Locate(r)));
        }

        return new ArgDecl(
            name,
            reader.OptionalString(map, "json") ?? name,
            reader.RequiredString(map, "type", $"Argument '{name}' of '{command}'"),
            reader.OptionalBool(map, "required", fallback: defaultValue is null),
            defaultValue,
            reader.OptionalString(map, "doc"),
            reader.OptionalString(map, "encode"),
            reader.OptionalBool(map, "chatText", fallback: false),
            rules.ToEquatableArray(),
            reader.Locate(map));
    }

    private static WireDecl? ParseWire(YamlNodeReader reader, YamlNode node)
    {
        if (reader.AsMap(node, "wire") is not { } map)
        {
            return null;
        }

        var settings = new List<WireSetting>();
        foreach (var entry in map.Children)
        {
            var name = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            switch (entry.Value)
            {
                case YamlScalarNode scalar:
                    settings.Add(new WireSetting(name, scalar.Value ?? string.Empty, null));
                    break;
                case YamlMappingNode setting:
                    reader.CheckKeys(setting, $"wire setting '{name}'", "value", "doc");
                    settings.Add(new WireSetting(name, reader.RequiredString(setting, "value", $"Wire setting '{name}'"), reader.OptionalString(setting, "doc")));
                    break;
                default:
                    reader.Report(DiagnosticDescriptors.InvalidValue, entry.Value, YamlNodeReader.Describe(entry.Value), name, "a string or { value, doc }");
                    break;
            }
        }

        return new WireDecl(settings.ToEquatableArray(), reader.Locate(map));
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Kryten.Sdk.Generators.Common;
using Microsoft.CodeAnalysis.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kryten.Sdk.Generators.Handlers;

/// <summary>
/// Finds the event records a project's own KrytenSchema YAML declares (<c>events: - cytube/record</c>).
/// The schema generator creates those records in the same compilation, where this generator cannot see
/// them as symbols; a handler whose parameter type does not bind is matched against these names.
/// Only names are read: validating the schema is the schema generator's job (KRY0xx), so a file that
/// does not parse simply contributes nothing here.
/// </summary>
internal static class UserSchemaEventReader
{
    /// <summary>AdditionalFiles metadata marking a schema file (set by the package's props).</summary>
    public const string SchemaMetadataKey = "build_metadata.AdditionalFiles.KrytenSchema";

    /// <summary>True for AdditionalFiles that are KrytenSchema items.</summary>
    public static bool IsSchemaFile(AnalyzerConfigOptions options) =>
        options.TryGetValue(SchemaMetadataKey, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The namespace the schema generator emits user records into: KrytenSchemaNamespace, else RootNamespace.</summary>
    public static string UserNamespace(AnalyzerConfigOptions globalOptions)
    {
        if (globalOptions.TryGetValue("build_property.KrytenSchemaNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns))
        {
            return ns.Trim();
        }

        return globalOptions.TryGetValue("build_property.RootNamespace", out var root) ? root.Trim() : string.Empty;
    }

    /// <summary>The (record, cytube) pairs under <c>events:</c> in every document of <paramref name="yaml"/>.</summary>
    public static EquatableArray<UserSchemaEvent> Read(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return EquatableArray<UserSchemaEvent>.Empty;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return EquatableArray<UserSchemaEvent>.Empty;
        }

        var events = new List<UserSchemaEvent>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("events"), out var node)
                && node is YamlSequenceNode items)
            {
                foreach (var item in items)
                {
                    if (item is YamlMappingNode entry && Scalar(entry, "record") is { } record && Scalar(entry, "cytube") is { } cytube)
                    {
                        events.Add(new UserSchemaEvent(record, cytube));
                    }
                }
            }
        }

        return events.ToEquatableArray();
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            ? text
            : null;
}

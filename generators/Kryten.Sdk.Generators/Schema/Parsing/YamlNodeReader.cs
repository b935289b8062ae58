using System;
using System.Collections.Generic;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.RepresentationModel;

namespace Kryten.Sdk.Generators.Schema.Parsing;

/// <summary>
/// Reads YAML mapping nodes of one schema file: typed key access, locations from YamlDotNet marks,
/// and a diagnostic for every missing, mistyped or unknown key. Not cached; lives for one parse.
/// </summary>
internal sealed class YamlNodeReader
{
    private readonly string _path;
    private readonly List<DiagnosticInfo> _diagnostics;

    public YamlNodeReader(string path, List<DiagnosticInfo> diagnostics)
    {
        _path = path;
        _diagnostics = diagnostics;
    }

    public LocationInfo Locate(YamlNode node) => Locate(node.Start, node.End);

    public LocationInfo Locate(YamlDotNet.Core.Mark start, YamlDotNet.Core.Mark end)
    {
        var startIndex = (int)Math.Max(0, start.Index);
        var endIndex = (int)Math.Max(startIndex, end.Index);
        var startPos = new LinePosition((int)Math.Max(0, start.Line - 1), (int)Math.Max(0, start.Column - 1));
        var endPos = new LinePosition((int)Math.Max(0, end.Line - 1), (int)Math.Max(0, end.Column - 1));
        if (endPos < startPos)
        {
            endPos = startPos;
        }

        return new LocationInfo(_path, TextSpan.FromBounds(startIndex, endIndex), new LinePositionSpan(startPos, endPos));
    }

    public void Report(DiagnosticDescriptor descriptor, YamlNode node, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Locate(node), args));

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="known"/>.</summary>
    public void CheckKeys(YamlMappingNode map, string what, params string[] known)
    {
        foreach (var entry in map.Children)
        {
            var key = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(known, key) < 0)
            {
                Report(DiagnosticDescriptors.UnknownKey, entry.Key, key, what);
            }
        }
    }

    public YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var entry in map.Children)
        {
            if (entry.Key is YamlScalarNode scalar && scalar.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>A scalar value; reports when present but not a scalar. Null when absent or YAML null.</summary>
    public string? OptionalString(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return IsNull(scalar) ? null : scalar.Value;
        }

        Report(DiagnosticDescriptors.InvalidValue, node, Describe(node), key, "a scalar");
        return null;
    }

    /// <summary>A scalar's text even when YAML would read it as null (for enum-like keys such as <c>absent: null</c>).</summary>
    public string? OptionalText(YamlMappingNode map, string key) =>
        Get(map, key) is YamlScalarNode scalar && scalar.Value is { Length: > 0 } text ? text : OptionalString(map, key);

    /// <summary>A required scalar; reports KRY006 when absent and returns an empty string.</summary>
    public string RequiredString(YamlMappingNode map, string key, string what)
    {
        var value = OptionalString(map, key);
        if (string.IsNullOrEmpty(value))
        {
            if (Get(map, key) is null or YamlScalarNode)
            {
                Report(DiagnosticDescriptors.MissingKey, map, what, key);
            }

            return string.Empty;
        }

        return value!;
    }

    public bool OptionalBool(YamlMappingNode map, string key, bool fallback)
    {
        var value = OptionalString(map, key);
        if (value is null)
        {
            return fallback;
        }

        switch (value)
        {
            case "true":
            case "True":
            case "yes":
                return true;
            case "false":
            case "False":
            case "no":
                return false;
            default:
                Report(DiagnosticDescriptors.InvalidValue, Get(map, key)!, value, key, "true or false");
                return fallback;
        }
    }

    /// <summary>The items of a sequence key; reports when present but not a sequence.</summary>
    public IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null || (node is YamlScalarNode s && IsNull(s)))
        {
            return Array.Empty<YamlNode>();
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        Report(DiagnosticDescriptors.InvalidValue, node, Describe(node), key, "a list");
        return Array.Empty<YamlNode>();
    }

    /// <summary>A mapping item of a list; reports when it is something else.</summary>
    public YamlMappingNode? AsMap(YamlNode node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Report(DiagnosticDescriptors.InvalidValue, node, Describe(node), what, "a mapping");
        return null;
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "null",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}

using System;
using System.Collections.Generic;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Schema.Binding;

/// <summary>
/// Resolves type expressions (<c>string</c>, <c>User[]</c>, <c>map&lt;rank&gt;</c>, <c>jsonString&lt;Meta&gt;</c>,
/// <c>string?[]</c>, ...) against the declared names. Grammar: <c>base ('[]' | '?')*</c> with
/// <c>base := name | jsonString&lt;expr&gt; | map&lt;expr&gt;</c>.
/// </summary>
internal sealed class TypeResolver
{
    private readonly IReadOnlyDictionary<string, TypeRef> _declared;

    public TypeResolver(IReadOnlyDictionary<string, TypeRef> declared) => _declared = declared;

    /// <summary>Resolves <paramref name="text"/>; on failure returns null and the offending name or reason.</summary>
    public TypeRef? Resolve(string text, out string? error)
    {
        error = null;
        var position = 0;
        var result = ParseExpression(text.Replace(" ", string.Empty), ref position, ref error);
        if (result is not null && position != text.Replace(" ", string.Empty).Length)
        {
            error = text;
            return null;
        }

        return error is null ? result : null;
    }

    private TypeRef? ParseExpression(string text, ref int position, ref string? error)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        var name = text.Substring(start, position - start);
        TypeRef? result;
        if (position < text.Length && text[position] == '<')
        {
            position++;
            var inner = ParseExpression(text, ref position, ref error);
            if (inner is null || position >= text.Length || text[position] != '>')
            {
                error ??= text;
                return null;
            }

            position++;
            result = name switch
            {
                "jsonString" => new TypeRef(ValueKind.JsonString, false, inner, null, null, null),
                "map" => new TypeRef(ValueKind.Map, false, inner, null, null, null),
                _ => null,
            };
            if (result is null)
            {
                error = name + "<>";
                return null;
            }
        }
        else
        {
            result = Primitive(name) ?? (_declared.TryGetValue(name, out var declared) ? declared : null);
            if (result is null)
            {
                error = name.Length == 0 ? text : name;
                return null;
            }
        }

        while (position < text.Length)
        {
            if (text[position] == '?')
            {
                result = result.WithNullable(true);
                position++;
            }
            else if (position + 1 < text.Length && text[position] == '[' && text[position + 1] == ']')
            {
                result = new TypeRef(ValueKind.List, false, result, null, null, null);
                position += 2;
            }
            else
            {
                break;
            }
        }

        return result;
    }

    private static TypeRef? Primitive(string name)
    {
        var kind = name switch
        {
            "string" => ValueKind.String,
            "bool" => ValueKind.Bool,
            "int" => ValueKind.Int,
            "long" => ValueKind.Long,
            "double" or "rank" => ValueKind.Double,
            "epochMs" => ValueKind.EpochMs,
            "json" => ValueKind.Json,
            "stringOrNumber" => ValueKind.StringOrNumber,
            "jsonOrJsonString" => ValueKind.JsonOrJsonString,
            _ => (ValueKind?)null,
        };
        return kind is null ? null : new TypeRef(kind.Value, false, null, null, null, null);
    }

    /// <summary>True for kinds that only make sense as a whole field (they expose two properties).</summary>
    public static bool IsFieldOnly(ValueKind kind) => kind is ValueKind.JsonString or ValueKind.JsonOrJsonString;

    /// <summary>Finds a field-only kind nested inside a list or map, which is not supported.</summary>
    public static bool HasNestedFieldOnly(TypeRef type)
    {
        for (var element = type.Element; element is not null; element = element.Element)
        {
            if (IsFieldOnly(element.Kind) || element.Kind == ValueKind.EpochMs && type.Kind == ValueKind.JsonString)
            {
                return true;
            }
        }

        return false;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Kryten.Sdk.Generators.Schema.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kryten.Sdk.Generators.Schema.Binding;

/// <summary>Binding of records: events (payload shapes), shared types, their fields and derived properties.</summary>
internal sealed partial class SchemaBinder
{
    private ObjectModel? BindEvent(EventDecl evt, string ns)
    {
        var owner = $"event '{evt.Cytube}'";
        bool Shape(bool ok, string reason)
        {
            if (!ok)
            {
                Report(DiagnosticDescriptors.InvalidPayloadShape, evt.Location, evt.Cytube, reason);
            }

            return ok;
        }

        ShapeKind shape;
        EquatableArray<FieldModel>? fields;
        switch (evt.Payload)
        {
            case PayloadKind.Object when evt.Value is not null:
                if (!Shape(evt.Fields.Count == 0 && evt.Items is null && evt.Args.Count == 0, "an object payload with value: has no fields:, items: or args:"))
                {
                    return null;
                }

                shape = ShapeKind.Value;
                fields = BindFields(new EquatableArray<FieldDecl>(new[] { evt.Value with { Json = "value" } }), owner);
                if (fields is { } whole && whole[0].Type.Kind is not (ValueKind.Map or ValueKind.Json))
                {
                    Shape(false, "value: of an object payload must be a map<T> or json");
                    return null;
                }

                break;
            case PayloadKind.Object:
                if (!Shape(evt.Value is null && evt.Items is null && evt.Args.Count == 0, "an object payload has fields:, not value:, items: or args:"))
                {
                    return null;
                }

                shape = ShapeKind.Object;
                fields = BindFields(evt.Fields, owner);
                break;
            case PayloadKind.Array:
                if (!Shape(evt.Fields.Count == 0 && evt.Value is null && (evt.Items is null) != (evt.Args.Count == 0), "an array payload has either items: or args:"))
                {
                    return null;
                }

                shape = evt.Items is null ? ShapeKind.Args : ShapeKind.List;
                fields = evt.Items is { } items ? BindItems(items, owner) : BindFields(evt.Args, owner);
                break;
            case PayloadKind.Null:
                if (!Shape(evt.Fields.Count == 0 && evt.Value is null && evt.Items is null && evt.Args.Count == 0, "a null payload has no fields"))
                {
                    return null;
                }

                shape = ShapeKind.Null;
                fields = EquatableArray<FieldModel>.Empty;
                break;
            default:
                if (!Shape(evt.Value is not null && evt.Fields.Count == 0 && evt.Items is null && evt.Args.Count == 0, $"a {evt.Payload.ToString().ToLowerInvariant()} payload has value:"))
                {
                    return null;
                }

                shape = ShapeKind.Value;
                fields = BindFields(new EquatableArray<FieldDecl>(new[] { evt.Value! with { Json = "value" } }), owner);
                if (fields is { } f && !ValueFits(evt.Payload, f[0].Type.Kind))
                {
                    Shape(false, $"value type {f[0].Type.Kind} does not fit a {evt.Payload.ToString().ToLowerInvariant()} payload");
                    return null;
                }

                break;
        }

        if (fields is null)
        {
            return null;
        }

        var derived = BindDerived(evt.Derived, fields.Value);
        if (derived is null || !CheckMembers(evt.Record, evt.Location, fields.Value, derived.Value))
        {
            return null;
        }

        return new ObjectModel(evt.Record, ns, evt.Doc, shape, fields.Value, derived.Value, evt.KeepExtra && shape == ShapeKind.Object, evt.Cytube, evt.Tags, Lifecycle: evt.Lifecycle);
    }

    private static bool ValueFits(PayloadKind payload, ValueKind kind) => payload switch
    {
        PayloadKind.String => kind is ValueKind.String or ValueKind.Json or ValueKind.StringOrNumber,
        PayloadKind.Number => kind is ValueKind.Int or ValueKind.Long or ValueKind.Double or ValueKind.EpochMs or ValueKind.StringOrNumber or ValueKind.Json,
        PayloadKind.Boolean => kind is ValueKind.Bool or ValueKind.Json,
        _ => false,
    };

    private EquatableArray<FieldModel>? BindItems(FieldDecl items, string owner)
    {
        var bound = BindFields(new EquatableArray<FieldDecl>(new[] { items with { Json = "items" } }), owner);
        if (bound is not { } b)
        {
            return null;
        }

        // items: names the element type; the property is the list.
        var field = b[0];
        var list = field with { Type = new TypeRef(ValueKind.List, false, field.Type, null, null, null) };
        if (TypeResolver.IsFieldOnly(field.Type.Kind))
        {
            Report(DiagnosticDescriptors.UnknownType, items.Location, items.Type, owner + " (items cannot be " + field.Type.Kind + ")");
            return null;
        }

        return new EquatableArray<FieldModel>(new[] { list });
    }

    private EquatableArray<FieldModel>? BindFields(EquatableArray<FieldDecl> decls, string owner)
    {
        var result = new List<FieldModel>();
        var ok = true;
        foreach (var decl in decls)
        {
            if (decl.Name.Length == 0 || decl.Type.Length == 0)
            {
                ok = false;
                continue;
            }

            if (!IsIdentifier(decl.Name))
            {
                Report(DiagnosticDescriptors.InvalidName, decl.Location, decl.Name, "a field name must be a C# identifier");
                ok = false;
                continue;
            }

            var type = _resolver.Resolve(decl.Type, out var error);
            if (type is null)
            {
                Report(DiagnosticDescriptors.UnknownType, decl.Location, error ?? decl.Type, $"field '{decl.Name}' of {owner}");
                ok = false;
                continue;
            }

            if (TypeResolver.HasNestedFieldOnly(type))
            {
                Report(DiagnosticDescriptors.UnknownType, decl.Location, decl.Type, $"field '{decl.Name}' of {owner} (jsonString/jsonOrJsonString only as a whole field)");
                ok = false;
                continue;
            }

            string? defaultExpr = null;
            if (decl.Default is { } text)
            {
                defaultExpr = Literal(type, text);
                if (defaultExpr is null)
                {
                    Report(DiagnosticDescriptors.InvalidDefault, decl.Location, text, decl.Name, type.Kind.ToString());
                    ok = false;
                    continue;
                }
            }
            else if (decl.Absent == Absence.Default && type.Kind == ValueKind.Object && !type.Nullable)
            {
                Report(DiagnosticDescriptors.InvalidDefault, decl.Location, "(none)", decl.Name, "object type without a default; use absent: null");
                ok = false;
                continue;
            }

            var nullable = type.Nullable || decl.Nullable || decl.Absent == Absence.Null;
            if (decl.Flatten is not null && (type.Kind != ValueKind.Object || type.ConverterFqn is null))
            {
                Report(DiagnosticDescriptors.InvalidValue, decl.Location, decl.Flatten.Length == 0 ? "true" : decl.Flatten, "flatten", "a field whose type is an object type of this schema");
                ok = false;
                continue;
            }

            result.Add(new FieldModel(decl.Json, decl.Name, type.WithNullable(nullable), decl.Doc, decl.Absent, defaultExpr, decl.Flatten));
        }

        return ok ? result.ToEquatableArray() : null;
    }

    private EquatableArray<DerivedModel>? BindDerived(EquatableArray<DerivedDecl> decls, EquatableArray<FieldModel> fields)
    {
        var result = new List<DerivedModel>();
        var ok = true;
        foreach (var d in decls)
        {
            if (d.Name.Length == 0 || d.From.Length == 0)
            {
                ok = false;
                continue;
            }

            var segments = d.From.Split('.');
            var source = fields.FirstOrDefault(f => f.Json == segments[0])
                ?? fields.FirstOrDefault(f => string.Equals(f.Name, segments[0], StringComparison.OrdinalIgnoreCase));
            string? problem = null;
            if (!IsIdentifier(d.Name))
            {
                problem = "the name must be a C# identifier";
            }
            else if (source is null)
            {
                problem = $"no field '{segments[0]}'";
            }
            else
            {
                var kind = source.Type.Kind;
                var element = source.Type.Element?.Kind;
                problem = d.Kind switch
                {
                    "integerOrNumericString" => kind is ValueKind.Json or ValueKind.StringOrNumber or ValueKind.String or ValueKind.Int or ValueKind.Long ? null : "needs a json, stringOrNumber, string or integer field",
                    "equalsString" => d.Value is null ? "needs value:" : kind is ValueKind.Json or ValueKind.String or ValueKind.StringOrNumber ? null : "needs a json, string or stringOrNumber field",
                    "truthy" => kind is ValueKind.List or ValueKind.Map or ValueKind.Object or ValueKind.JsonString or ValueKind.JsonOrJsonString ? "needs a scalar or json field" : null,
                    "anyString" => kind == ValueKind.List && element is ValueKind.Json or ValueKind.StringOrNumber && source.Type.Element?.Nullable == false ? null : "needs a list of json or stringOrNumber",
                    "path" => kind is ValueKind.Json or ValueKind.JsonOrJsonString ? null : "needs a json field (optionally with a dotted path such as thumb.url)",
                    _ => $"unknown kind '{d.Kind}' (integerOrNumericString, equalsString, truthy, anyString, path)",
                };
                if (problem is null && d.Kind != "path" && segments.Length > 1)
                {
                    problem = "only kind path takes a dotted from:";
                }
            }

            if (problem is not null)
            {
                Report(DiagnosticDescriptors.InvalidDerived, d.Location, d.Name, problem);
                ok = false;
                continue;
            }

            result.Add(new DerivedModel(d.Name, d.Kind, d.Doc, source!.Name, source.Type, segments.Skip(1).ToEquatableArray(), d.Value));
        }

        return ok ? result.ToEquatableArray() : null;
    }
}

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

/// <summary>
/// Step 2 of the schema pipeline: all parsed files → one <see cref="BoundSchema"/>. Resolves type
/// names, checks names, rules, defaults and derived properties, and drops locations from what the
/// emitters see. Problems become diagnostics; the offending item is left out, never the whole output.
/// </summary>
internal sealed class SchemaBinder
{
    private const string AckTypeName = "KrytenCommandAck";
    private static readonly string[] ReservedMembers = ["CytubeEventName", "JsonTypeInfo", "EqualityContract", "Extra"];

    private readonly GeneratorOptions _options;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, TypeRef> _declared = new(StringComparer.Ordinal);
    private TypeResolver _resolver = null!;

    private SchemaBinder(GeneratorOptions options) => _options = options;

    public static BoundSchema Bind(ImmutableArray<SchemaFile> files, GeneratorOptions options, CancellationToken cancellationToken)
    {
        var binder = new SchemaBinder(options);
        try
        {
            return binder.BindAll(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray(), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            binder._diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, null, "the schema", e.GetType().Name + ": " + e.Message));
            return new BoundSchema(default, default, null, null, null, null, binder._diagnostics.ToEquatableArray());
        }
    }

    private BoundSchema BindAll(SchemaFile[] files, CancellationToken cancellationToken)
    {
        var ns = _options.RecordsNamespace;
        var contextFqn = $"global::{ns}.KrytenJsonContext";
        if (!_options.Sdk)
        {
            foreach (var name in SdkSchemaCatalog.RecordNames)
            {
                _declared[name] = new TypeRef(ValueKind.Object, false, null, $"global::{GeneratorOptions.SdkEventsNamespace}.{name}", null, $"global::{GeneratorOptions.SdkEventsNamespace}.KrytenJsonContext.Default.{name}");
            }
        }

        var local = new Dictionary<string, LocationInfo?>(StringComparer.Ordinal);
        var types = new List<TypeDecl>();
        var events = new List<EventDecl>();
        foreach (var decl in files.SelectMany(f => f.Types))
        {
            if (Declare(local, decl.Name, decl.Location, "type"))
            {
                types.Add(decl);
            }
        }

        var cytubeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decl in files.SelectMany(f => f.Events))
        {
            if (!cytubeNames.Add(decl.Cytube))
            {
                Report(DiagnosticDescriptors.DuplicateName, decl.Location, "CyTube event", decl.Cytube);
                continue;
            }

            if (Declare(local, decl.Record, decl.Location, "record"))
            {
                events.Add(decl);
            }
        }

        foreach (var name in local.Keys)
        {
            _declared[name] = new TypeRef(ValueKind.Object, false, null, $"global::{ns}.{name}", $"{contextFqn}.{name}Converter", null);
        }

        _resolver = new TypeResolver(_declared);
        var objects = new List<ObjectModel>();
        foreach (var type in types)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fields = BindFields(type.Fields, type.Name);
            var derived = fields is null ? null : BindDerived(type.Derived, fields.Value);
            if (fields is not null && derived is not null && CheckMembers(type.Name, type.Location, fields.Value, derived.Value))
            {
                objects.Add(new ObjectModel(type.Name, ns, type.Doc, ShapeKind.Object, fields.Value, derived.Value, type.KeepExtra, null, default));
            }
        }

        var registry = new List<RegistryEntry>();
        foreach (var evt in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BindEvent(evt, ns) is { } model)
            {
                objects.Add(model);
                registry.Add(new RegistryEntry(evt.Cytube, SubjectToken.Normalize(evt.Cytube), evt.Record, model.HasCanonicalPath));
            }
        }

        objects = AddForwarders(objects, types.Select(t => (t.Name, t.Location)).Concat(events.Select(e => (e.Record, e.Location))).ToDictionary(p => p.Item1, p => p.Item2));
        var commands = BindCommands(files.SelectMany(f => f.Commands));
        var wire = BindWire(files);
        var hasOutput = objects.Count > 0 || commands.Count > 0 || wire is not null;
        var sortedObjects = objects.OrderBy(o => o.Name, StringComparer.Ordinal).ToArray();
        return new BoundSchema(
            sortedObjects.ToEquatableArray(),
            commands.ToEquatableArray(),
            objects.Count > 0 || _options.Sdk ? new ContextModel(ns, _options.Sdk, sortedObjects.Select(o => o.Name).ToEquatableArray()) : null,
            registry.Count > 0 || _options.Sdk ? new RegistryModel(ns, _options.Sdk, registry.OrderBy(r => r.Cytube, StringComparer.Ordinal).ToEquatableArray()) : null,
            wire,
            hasOutput || _options.Sdk ? new SupportModel(ns, _options.Sdk) : null,
            _diagnostics.ToEquatableArray());
    }

    private bool Declare(Dictionary<string, LocationInfo?> local, string name, LocationInfo? location, string what)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (!IsIdentifier(name))
        {
            Report(DiagnosticDescriptors.InvalidName, location, name, $"a {what} name must be a C# identifier");
            return false;
        }

        if (local.ContainsKey(name))
        {
            Report(DiagnosticDescriptors.DuplicateName, location, "type or record name", name);
            return false;
        }

        local[name] = location;
        return true;
    }

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

        return new ObjectModel(evt.Record, ns, evt.Doc, shape, fields.Value, derived.Value, evt.KeepExtra && shape == ShapeKind.Object, evt.Cytube, evt.Tags);
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

    private List<ObjectModel> AddForwarders(List<ObjectModel> objects, Dictionary<string, LocationInfo?> locations)
    {
        var byName = objects.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var result = new List<ObjectModel>(objects.Count);
        foreach (var model in objects)
        {
            var forwarders = new List<ForwarderModel>();
            foreach (var field in model.Fields.Where(f => f.Flatten is not null))
            {
                var nestedName = field.Type.ObjectFqn!.Substring(field.Type.ObjectFqn!.LastIndexOf('.') + 1);
                if (!byName.TryGetValue(nestedName, out var nested))
                {
                    continue;
                }

                var access = field.Type.Nullable ? "?." : ".";
                foreach (var (member, type, doc) in Members(nested))
                {
                    var forwardedType = field.Type.Nullable && !type.EndsWith("?", StringComparison.Ordinal) ? type + "?" : type;
                    var forwardedDoc = (doc is null ? string.Empty : Emit.Names.Xml(doc) + " ") + $"Forwarded from <c>{field.Name}.{member}</c>.";
                    forwarders.Add(new ForwarderModel(field.Flatten + member, forwardedType, $"{field.Name}{access}{member}", forwardedDoc));
                }
            }

            var names = new HashSet<string>(model.Fields.SelectMany(MemberNames).Concat(model.Derived.Select(d => d.Name)), StringComparer.Ordinal);
            var clash = forwarders.FirstOrDefault(f => !names.Add(f.Name) || f.Name == model.Name);
            if (clash is not null)
            {
                Report(DiagnosticDescriptors.DuplicateName, locations.TryGetValue(model.Name, out var location) ? location : null, $"member of '{model.Name}' (flattened)", clash.Name);
                continue;
            }

            result.Add(forwarders.Count == 0 ? model : model with { Forwarders = forwarders.ToEquatableArray() });
        }

        return result;
    }

    /// <summary>The properties of a record with their C# types (what a flattening owner forwards).</summary>
    private static IEnumerable<(string Name, string Type, string? Doc)> Members(ObjectModel model)
    {
        foreach (var field in model.Fields)
        {
            var type = Emit.Names.CSharp(field.Type);
            var q = field.Type.Nullable ? "?" : string.Empty;
            switch (field.Type.Kind)
            {
                case ValueKind.EpochMs:
                    yield return (field.Name + "Ms", type, field.Doc);
                    yield return (field.Name + "Utc", "global::System.DateTimeOffset" + q, field.Doc);
                    break;
                case ValueKind.JsonString:
                    yield return (field.Name, type, field.Doc);
                    yield return (field.Name + "Raw", "string" + q, field.Doc);
                    break;
                case ValueKind.JsonOrJsonString:
                    yield return (field.Name, type, field.Doc);
                    yield return (field.Name + "Raw", "string?", field.Doc);
                    break;
                default:
                    yield return (field.Name, type, field.Doc);
                    break;
            }
        }

        foreach (var derived in model.Derived)
        {
            yield return (derived.Name, derived.Kind switch
            {
                "integerOrNumericString" => "long?",
                "path" => "string?",
                _ => "bool",
            }, derived.Doc);
        }
    }

    private bool CheckMembers(string record, LocationInfo? location, EquatableArray<FieldModel> fields, EquatableArray<DerivedModel> derived)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in fields.SelectMany(MemberNames).Concat(derived.Select(d => d.Name)))
        {
            if (name == record || Array.IndexOf(ReservedMembers, name) >= 0)
            {
                Report(DiagnosticDescriptors.InvalidName, location, name, $"a member of '{record}' cannot be named like the record or a generated member");
                return false;
            }

            if (!names.Add(name))
            {
                Report(DiagnosticDescriptors.DuplicateName, location, $"member of '{record}'", name);
                return false;
            }
        }

        return true;
    }

    /// <summary>The C# properties a field becomes.</summary>
    public static IEnumerable<string> MemberNames(FieldModel field) => field.Type.Kind switch
    {
        ValueKind.EpochMs => new[] { field.Name + "Ms", field.Name + "Utc" },
        ValueKind.JsonString or ValueKind.JsonOrJsonString => new[] { field.Name, field.Name + "Raw" },
        _ => new[] { field.Name },
    };

    private List<CommandModel> BindCommands(IEnumerable<CommandDecl> decls)
    {
        var result = new List<CommandModel>();
        var commandNames = new HashSet<string>(StringComparer.Ordinal);
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decl in decls)
        {
            if (decl.Command.Length == 0 || decl.Method.Length == 0)
            {
                continue;
            }

            if (!IsIdentifier(decl.Method))
            {
                Report(DiagnosticDescriptors.InvalidName, decl.Location, decl.Method, "a method name must be a C# identifier");
                continue;
            }

            if (!commandNames.Add(decl.Command))
            {
                Report(DiagnosticDescriptors.DuplicateName, decl.Location, "command", decl.Command);
                continue;
            }

            if (!methodNames.Add(decl.Method))
            {
                Report(DiagnosticDescriptors.DuplicateName, decl.Location, "command method", decl.Method);
                continue;
            }

            var replyName = decl.Reply ?? AckTypeName;
            if (!_declared.TryGetValue(replyName, out var reply))
            {
                Report(DiagnosticDescriptors.UnknownType, decl.Location, replyName, $"reply of command '{decl.Command}'");
                continue;
            }

            var args = new List<ArgModel>();
            var ok = true;
            var argNames = new HashSet<string>(StringComparer.Ordinal) { "sender", "channel", "domain", "timeout", "cancellationToken" };
            foreach (var arg in decl.Args)
            {
                var bound = BindArg(arg, decl.Command);
                if (bound is null)
                {
                    ok = false;
                }
                else if (!argNames.Add(bound.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateName, arg.Location, $"argument of '{decl.Command}'", bound.Name);
                    ok = false;
                }
                else
                {
                    args.Add(bound);
                }
            }

            if (!ok)
            {
                continue;
            }

            var typeInfo = reply.ExternalTypeInfo ?? $"global::{_options.RecordsNamespace}.KrytenJsonContext.Default.{replyName}";
            result.Add(new CommandModel(
                decl.Method,
                decl.Command,
                decl.IsQuery,
                decl.Doc,
                decl.Frame,
                decl.Rank,
                decl.Remarks,
                decl.Example,
                decl.Placement,
                args.Where(a => a.Required).Concat(args.Where(a => !a.Required)).ToEquatableArray(),
                reply.ObjectFqn!,
                typeInfo,
                _options.CommandsNamespace,
                _options.ArgsNamespace));
        }

        return result.OrderBy(c => c.Method, StringComparer.Ordinal).ToList();
    }

    private ArgModel? BindArg(ArgDecl arg, string command)
    {
        if (arg.Name.Length == 0 || arg.Type.Length == 0)
        {
            return null;
        }

        if (!IsIdentifier(arg.Name) || !char.IsLower(arg.Name[0]))
        {
            Report(DiagnosticDescriptors.InvalidName, arg.Location, arg.Name, "an argument name must be a camelCase C# identifier");
            return null;
        }

        var type = _resolver.Resolve(arg.Type, out var error);
        if (type is null || type.Kind is ValueKind.EpochMs or ValueKind.JsonString or ValueKind.JsonOrJsonString or ValueKind.StringOrNumber || type.Kind == ValueKind.Object && type.ConverterFqn is null && type.ExternalTypeInfo is null)
        {
            Report(DiagnosticDescriptors.UnknownType, arg.Location, error ?? arg.Type, $"argument '{arg.Name}' of '{command}'");
            return null;
        }

        string? defaultExpr = null;
        if (arg.Default is { } text)
        {
            defaultExpr = type.Kind is ValueKind.String or ValueKind.Bool or ValueKind.Int or ValueKind.Long or ValueKind.Double ? Literal(type, text) : null;
            if (defaultExpr is null)
            {
                Report(DiagnosticDescriptors.InvalidDefault, arg.Location, text, arg.Name, type.Kind + " (defaults must be string, bool or number constants)");
                return null;
            }
        }

        if (arg.Encode is not null and not "string" and not "numberIfDigits")
        {
            Report(DiagnosticDescriptors.InvalidValue, arg.Location, arg.Encode, "encode", "string or numberIfDigits");
            return null;
        }

        if (arg.Encode == "string" && type.Kind is not (ValueKind.Int or ValueKind.Long) || arg.Encode == "numberIfDigits" && type.Kind != ValueKind.String)
        {
            Report(DiagnosticDescriptors.InvalidValue, arg.Location, arg.Encode!, "encode", "string on int/long arguments, numberIfDigits on string arguments");
            return null;
        }

        var rules = new List<RuleModel>();
        foreach (var rule in arg.Rules)
        {
            var problem = CheckRule(rule, type);
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.InvalidRule, rule.Location, arg.Name, problem);
                return null;
            }

            rules.Add(new RuleModel(rule.Kind, rule.Values));
        }

        var optional = !arg.Required;
        var nullable = type.Nullable || optional && defaultExpr is null;
        return new ArgModel(
            arg.Name,
            char.ToUpperInvariant(arg.Name[0]) + arg.Name.Substring(1),
            arg.Json,
            type.WithNullable(nullable),
            arg.Required,
            optional ? defaultExpr ?? "null" : null,
            arg.Doc,
            arg.Encode,
            rules.ToEquatableArray());
    }

    private static string? CheckRule(RuleDecl rule, TypeRef type)
    {
        var isText = type.Kind == ValueKind.String;
        var isCollection = type.Kind is ValueKind.List or ValueKind.Map;
        var isNumber = type.Kind is ValueKind.Int or ValueKind.Long or ValueKind.Double;
        bool OneInt() => rule.Values.Count == 1 && int.TryParse(rule.Values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
        switch (rule.Kind)
        {
            case "notEmpty":
                return rule.Values.Count > 0 && rule.Values[0] != "true" ? "notEmpty takes no value (or true)"
                    : isText || isCollection ? null : "notEmpty applies to strings, lists and maps";
            case "maxLength":
                return !OneInt() ? "maxLength needs one positive integer" : isText || isCollection ? null : "maxLength applies to strings, lists and maps";
            case "maxBytes":
                return !OneInt() ? "maxBytes needs one positive integer" : isText ? null : "maxBytes applies to strings";
            case "enum":
                return rule.Values.Count == 0 ? "enum needs a list of values" : isText ? null : "enum applies to strings";
            case "pattern":
                if (rule.Values.Count != 1 || !isText)
                {
                    return "pattern needs one regular expression and a string argument";
                }

                try
                {
                    _ = new Regex(rule.Values[0], RegexOptions.CultureInvariant);
                    return null;
                }
                catch (ArgumentException e)
                {
                    return "pattern is not a valid regular expression: " + e.Message;
                }

            case "range":
                if (!isNumber)
                {
                    return "range applies to numbers";
                }

                var bounds = rule.Values.Select(v => v.StartsWith("min=", StringComparison.Ordinal) || v.StartsWith("max=", StringComparison.Ordinal) ? v.Substring(4) : v).ToArray();
                return rule.Values.Count is 1 or 2 && bounds.All(b => b.Length == 0 || double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    ? null
                    : "range needs { min: n, max: m } with numbers";
            default:
                return $"unknown rule '{rule.Kind}' (notEmpty, maxLength, maxBytes, enum, range, pattern)";
        }
    }

    private WireModel? BindWire(SchemaFile[] files)
    {
        var declared = files.Where(f => f.Wire is not null).ToArray();
        if (declared.Length == 0)
        {
            if (_options.Sdk && files.Length > 0)
            {
                Report(DiagnosticDescriptors.MissingWireSettings, null, " (add schema/kryten.yaml)");
            }

            return null;
        }

        if (declared.Length > 1)
        {
            Report(DiagnosticDescriptors.DuplicateName, declared[1].Wire!.Location, "wire settings block", "wire");
        }

        var wire = declared[0].Wire!;
        var settings = new List<WireSetting>();
        foreach (var setting in wire.Settings)
        {
            if (!IsIdentifier(setting.Name))
            {
                Report(DiagnosticDescriptors.InvalidName, wire.Location, setting.Name, "a wire setting name must be a C# identifier");
                continue;
            }

            settings.Add(setting);
        }

        return new WireModel(_options.CommandsNamespace, settings.ToEquatableArray());
    }

    private static string? Literal(TypeRef type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (type.Kind)
        {
            case ValueKind.String:
                return SymbolDisplay.FormatLiteral(text, quote: true);
            case ValueKind.Bool:
                return text is "true" or "false" ? text : null;
            case ValueKind.Int:
                return int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var i) ? i.ToString(invariant) : null;
            case ValueKind.Long:
            case ValueKind.EpochMs:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var l) ? l.ToString(invariant) + "L" : null;
            case ValueKind.Double:
                return double.TryParse(text, NumberStyles.Float, invariant, out var d) && !double.IsInfinity(d) ? d.ToString("R", invariant) + "d" : null;
            default:
                return null;
        }
    }

    private static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
}

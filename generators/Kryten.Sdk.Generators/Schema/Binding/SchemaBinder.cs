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
internal sealed partial class SchemaBinder
{
    private const string AckTypeName = "KrytenCommandAck";
    private static readonly string[] ReservedMembers = ["CytubeEventName", "EventSource", "JsonTypeInfo", "ReadJson", "EqualityContract", "Extra"];

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
                Report(DiagnosticDescriptors.DuplicateName, decl.Location, decl.Lifecycle ? "lifecycle event" : "CyTube event", decl.Cytube);
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
                // The registry lists CyTube events (what the bridge's envelopes carry); lifecycle events have their own subjects.
                if (!evt.Lifecycle)
                {
                    registry.Add(new RegistryEntry(evt.Cytube, evt.Record));
                }
            }
        }

        objects = AddForwarders(objects, types.Select(t => (t.Name, t.Location)).Concat(events.Select(e => (e.Record, e.Location))).ToDictionary(p => p.Item1, p => p.Item2));
        var commands = BindCommands(files.SelectMany(f => f.Commands));
        var services = BindServices(files.SelectMany(f => f.Services));
        var wire = BindWire(files);
        var sortedObjects = objects.OrderBy(o => o.Name, StringComparer.Ordinal).ToArray();
        return new BoundSchema(
            sortedObjects.ToEquatableArray(),
            commands.ToEquatableArray(),
            objects.Count > 0 || _options.Sdk ? new ContextModel(ns, _options.Sdk, sortedObjects.Select(o => o.Name).ToEquatableArray()) : null,
            registry.Count > 0 || _options.Sdk ? new RegistryModel(ns, _options.Sdk, registry.OrderBy(r => r.Cytube, StringComparer.Ordinal).ToEquatableArray()) : null,
            wire,
            commands.Count > 0 ? _options.CommandsNamespace : null,
            _diagnostics.ToEquatableArray(),
            services.ToEquatableArray());
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

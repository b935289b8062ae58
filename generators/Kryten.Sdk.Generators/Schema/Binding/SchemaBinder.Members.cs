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

/// <summary>The members a record gets (fields, derived, forwarders of flattened fields) and the check that their names do not clash.</summary>
internal sealed partial class SchemaBinder
{
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
}

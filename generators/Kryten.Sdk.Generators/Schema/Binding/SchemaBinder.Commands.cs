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

/// <summary>Binding of commands and queries: method and command names, replies, arguments, defaults, encodings and validation rules.</summary>
internal sealed partial class SchemaBinder
{
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

            if (args.Count(a => a.ChatText) > 1)
            {
                Report(DiagnosticDescriptors.InvalidValue, decl.Location, "chatText", $"arguments of '{decl.Command}'", "at most one chat text argument");
                ok = false;
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

        if (arg.ChatText && (type.Kind != ValueKind.String || type.Nullable || !arg.Required))
        {
            Report(DiagnosticDescriptors.InvalidValue, arg.Location, "true", "chatText", "a required, non-nullable string argument");
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
            arg.ChatText,
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
}

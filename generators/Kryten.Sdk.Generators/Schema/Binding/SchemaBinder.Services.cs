using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Schema.Binding;

/// <summary>
/// Binding of service contracts: the service name (one subject token), command names and aliases, C# names, arguments
/// (the command argument rules), reply types and error codes; and the built-in <c>system.*</c> commands a contract does
/// not declare, which get client methods only.
/// </summary>
internal sealed partial class SchemaBinder
{
    private static readonly Regex ServiceName = new("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex ErrorCode = new("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", RegexOptions.CultureInvariant);

    // The host answers these itself (KrytenWire.Service*Command); the replies are the SDK's schema records.
    private static readonly (string Command, string Method, string Reply)[] BuiltIns =
    [
        ("system.ping", "Ping", "ServicePingReply"),
        ("system.health", "GetHealth", "ServiceHealthReply"),
        ("system.stats", "GetStats", "ServiceStatsReply"),
    ];

    private List<ServiceModel> BindServices(IEnumerable<ServiceDecl> decls)
    {
        var result = new List<ServiceModel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decl in decls)
        {
            if (decl.Name.Length == 0)
            {
                continue;
            }

            if (!ServiceName.IsMatch(decl.Name))
            {
                Report(DiagnosticDescriptors.InvalidService, decl.Location, decl.Name, "the name must be one subject token of letters, digits, '-' and '_'");
                continue;
            }

            var stem = decl.Class ?? Pascal(decl.Name);
            if (!IsIdentifier(stem) || !char.IsUpper(stem[0]))
            {
                Report(DiagnosticDescriptors.InvalidName, decl.Location, stem, "a service class stem must be a PascalCase C# identifier (set class:)");
                continue;
            }

            if (!names.Add(decl.Name) || !classes.Add(stem))
            {
                Report(DiagnosticDescriptors.DuplicateName, decl.Location, "service", decl.Name);
                continue;
            }

            var errors = BindErrors(decl);
            var commands = BindServiceCommands(decl, stem, new HashSet<string>(errors.Select(e => e.Code), StringComparer.Ordinal));
            result.Add(new ServiceModel(decl.Name, stem, decl.Doc, _options.ServicesNamespace, errors.ToEquatableArray(), commands.ToEquatableArray()));
        }

        return result.OrderBy(s => s.Class, StringComparer.Ordinal).ToList();
    }

    private List<ServiceErrorModel> BindErrors(ServiceDecl decl)
    {
        var errors = new List<ServiceErrorModel>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in decl.Errors)
        {
            if (!ErrorCode.IsMatch(error.Code))
            {
                Report(DiagnosticDescriptors.InvalidValue, error.Location, error.Code, "code", "a SNAKE_CASE error code such as RECORD_NOT_FOUND");
            }
            else if (!codes.Add(error.Code))
            {
                Report(DiagnosticDescriptors.DuplicateName, error.Location, "error code", error.Code);
            }
            else
            {
                errors.Add(new ServiceErrorModel(error.Code, Pascal(error.Code.ToLowerInvariant()), error.Doc));
            }
        }

        return errors;
    }

    private List<ServiceCommandModel> BindServiceCommands(ServiceDecl decl, string stem, HashSet<string> codes)
    {
        var commands = new List<ServiceCommandModel>();
        var commandNames = new HashSet<string>(StringComparer.Ordinal);
        var methods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in decl.Commands)
        {
            if (command.Command.Length == 0)
            {
                continue;
            }

            var method = command.Method ?? Pascal(command.Command);
            if (!IsIdentifier(method) || !char.IsUpper(method[0]))
            {
                Report(DiagnosticDescriptors.InvalidName, command.Location, method, "a method stem must be a PascalCase C# identifier (set method:)");
                continue;
            }

            var duplicate = command.Aliases.Prepend(command.Command).FirstOrDefault(n => n.Length == 0 || !commandNames.Add(n));
            if (duplicate is not null || !methods.Add(method))
            {
                Report(DiagnosticDescriptors.DuplicateName, command.Location, $"command of service '{decl.Name}'", duplicate ?? method);
                continue;
            }

            if (command.Errors.FirstOrDefault(c => !codes.Contains(c)) is { } unknown)
            {
                Report(DiagnosticDescriptors.InvalidService, command.Location, decl.Name, $"'{command.Command}' names the error code '{unknown}', which the service's errors: do not declare");
                continue;
            }

            TypeRef? reply = null;
            if (command.Reply is { } replyText && (reply = ResolveReply(replyText, command)) is null)
            {
                continue;
            }

            if (BindServiceArgs(command) is not { } args)
            {
                continue;
            }

            commands.Add(new ServiceCommandModel(command.Command, method, command.Aliases, command.Doc, args, reply, command.ReplyDoc, command.Errors, BuiltIn: false));
        }

        foreach (var (command, method, replyType) in BuiltIns)
        {
            if (!commandNames.Contains(command) && !methods.Contains(method) && _resolver.Resolve(replyType, out _) is { } reply)
            {
                commands.Add(new ServiceCommandModel(command, method, default, null, default, reply, null, default, BuiltIn: true));
            }
        }

        return commands;
    }

    private TypeRef? ResolveReply(string text, ServiceCommandDecl command)
    {
        var type = _resolver.Resolve(text, out var error);
        if (type is null || TypeResolver.IsFieldOnly(type.Kind) || TypeResolver.HasNestedFieldOnly(type) || type.Kind == ValueKind.EpochMs)
        {
            Report(DiagnosticDescriptors.UnknownType, command.Location, error ?? text, $"reply of '{command.Command}'");
            return null;
        }

        return type;
    }

    private EquatableArray<ArgModel>? BindServiceArgs(ServiceCommandDecl command)
    {
        var args = new List<ArgModel>();
        var argNames = new HashSet<string>(StringComparer.Ordinal) { "call", "timeout", "cancellationToken" };
        var ok = true;
        foreach (var arg in command.Args)
        {
            if (arg.ChatText || arg.Encode is not null)
            {
                Report(DiagnosticDescriptors.InvalidValue, arg.Location, arg.ChatText ? "chatText" : arg.Encode!, arg.Name, "no chatText or encode: service arguments are plain JSON values");
                ok = false;
                continue;
            }

            var bound = BindArg(arg, command.Command);
            if (bound is null)
            {
                ok = false;
            }
            else if (!argNames.Add(bound.Name))
            {
                Report(DiagnosticDescriptors.DuplicateName, arg.Location, $"argument of '{command.Command}'", bound.Name);
                ok = false;
            }
            else
            {
                args.Add(bound);
            }
        }

        return ok ? args.Where(a => a.Required).Concat(args.Where(a => !a.Required)).ToEquatableArray() : null;
    }

    // entry.add → EntryAdd, user-stats → UserStats, RECORD_NOT_FOUND (lower-cased) → RecordNotFound.
    private static string Pascal(string name) =>
        string.Concat(name.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;

namespace Kryten.Sdk.Generators.ChatCommands;

/// <summary>
/// Groups chat command methods by class (a partial class may spread them over several files) and finds names and
/// aliases used twice: one <see cref="ChatCommandClassModel"/> per class.
/// </summary>
internal static class ChatCommandSetBuilder
{
    /// <summary>Builds the per-class models, in the order the classes were first seen.</summary>
    public static ImmutableArray<ChatCommandClassModel> Build(ImmutableArray<ChatCommandMethodResult> methods) =>
        methods.GroupBy(m => m.Class.MetadataName).Select(group => BuildClass(group.ToList())).ToImmutableArray();

    private static ChatCommandClassModel BuildClass(List<ChatCommandMethodResult> methods)
    {
        var classInfo = methods[0].Class;
        var diagnostics = new List<DiagnosticInfo>(methods[0].ClassDiagnostics);
        var commands = new List<ChatCommandModel>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        foreach (var result in methods)
        {
            diagnostics.AddRange(result.MethodDiagnostics);
            if (result.Command is not { } command)
            {
                continue;
            }

            var displayName = $"{classInfo.DisplayName}.{command.MethodName}";
            foreach (var name in new[] { command.Name }.Concat(command.Aliases))
            {
                if (seen.TryGetValue(name, out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateChatCommandName, result.Location, first, displayName, name));
                }
                else
                {
                    seen.Add(name, displayName);
                }
            }

            commands.Add(command);
        }

        var valid = methods[0].ClassDiagnostics.Count == 0 && diagnostics.All(d => d.Descriptor.Id != DiagnosticDescriptors.DuplicateChatCommandName.Id);
        var set = valid ? new ChatCommandSetModel(classInfo, commands.ToEquatableArray()) : null;
        return new ChatCommandClassModel(set, diagnostics.ToEquatableArray());
    }
}

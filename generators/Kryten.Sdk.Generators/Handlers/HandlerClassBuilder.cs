using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;

namespace Kryten.Sdk.Generators.Handlers;

/// <summary>
/// Groups handler methods by class (a partial class may spread handlers over several files), resolves
/// handlers of user-schema events, and finds duplicates: one <see cref="HandlerClassModel"/> per class.
/// </summary>
internal static class HandlerClassBuilder
{
    /// <summary>Builds the per-class models, in the order the classes were first seen.</summary>
    public static ImmutableArray<HandlerClassModel> Build(ImmutableArray<HandlerMethodResult> methods, UserSchemaEvents userEvents)
    {
        var userEventsByRecord = new Dictionary<string, UserSchemaEvent>();
        foreach (var userEvent in userEvents.Events)
        {
            userEventsByRecord[userEvent.RecordName] = userEvent;
        }

        return methods
            .GroupBy(m => m.Class.MetadataName)
            .Select(group => BuildClass(group.ToList(), userEvents.Namespace, userEventsByRecord))
            .ToImmutableArray();
    }

    private static HandlerClassModel BuildClass(
        List<HandlerMethodResult> methods, string userNamespace, Dictionary<string, UserSchemaEvent> userEventsByRecord)
    {
        var classInfo = methods[0].Class;
        var diagnostics = new List<DiagnosticInfo>(methods[0].ClassDiagnostics);
        var handlers = new List<HandlerMethodModel>();
        var seen = new Dictionary<(string Event, string? Channel, string? Domain, bool SkipBacklog), string>();

        foreach (var result in methods)
        {
            diagnostics.AddRange(result.MethodDiagnostics);
            if (result.Method is not { } handler)
            {
                continue;
            }

            var displayName = $"{classInfo.DisplayName}.{handler.MethodName}";
            if (handler.Kind == HandlerEventKind.Unresolved)
            {
                if (!userEventsByRecord.TryGetValue(handler.EventType, out var userEvent))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEventType, result.Location, displayName, handler.EventType));
                    continue;
                }

                var recordType = userNamespace.Length == 0
                    ? $"global::{userEvent.RecordName}"
                    : $"global::{userNamespace}.{userEvent.RecordName}";
                handler = handler with { Kind = HandlerEventKind.Typed, EventType = recordType, EventName = userEvent.CytubeName };
            }

            var eventKey = handler.Kind == HandlerEventKind.Raw ? "raw:" + handler.EventName : handler.EventName!;
            var key = (eventKey, handler.Channel, handler.Domain, handler.SkipBacklog);   // one that skips backlog does not run for every event
            if (seen.TryGetValue(key, out var first))
            {
                var eventText = handler.EventName ?? "every event";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateHandler, result.Location, first, displayName, eventText));
            }
            else
            {
                seen.Add(key, displayName);
            }

            handlers.Add(handler);
        }

        var dispatch = methods[0].ClassDiagnostics.Count == 0 ? new DispatchModel(classInfo, handlers.ToEquatableArray()) : null;
        return new HandlerClassModel(dispatch, diagnostics.ToEquatableArray());
    }
}

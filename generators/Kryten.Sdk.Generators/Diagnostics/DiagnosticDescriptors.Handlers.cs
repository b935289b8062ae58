using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Diagnostics;

/// <summary>
/// The KRY1xx half of the catalog: problems with user <c>[KrytenHandler]</c> methods. IDs are stable;
/// never renumber, only add (and list new ones in AnalyzerReleases.Unshipped.md).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string HandlersCategory = "Kryten.Handlers";

    /// <summary>KRY100: "Handler '{0}' has an unsupported parameter list: {1}".</summary>
    public static readonly DiagnosticDescriptor HandlerSignatureInvalid = new(
        id: "KRY100",
        title: "Handler has an unsupported parameter list",
        messageFormat: "Handler '{0}' has an unsupported parameter list: {1}. Accepted: (TEvent), (TEvent, CancellationToken), (TEvent, EventContext), (TEvent, EventContext, CancellationToken).",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [KrytenHandler] method takes the event first, then optionally EventContext, then optionally CancellationToken, all by value.");

    /// <summary>KRY101: "Handler '{0}' takes '{1}', which is not a Kryten event type".</summary>
    public static readonly DiagnosticDescriptor UnknownEventType = new(
        id: "KRY101",
        title: "Handler parameter is not a Kryten event type",
        messageFormat: "Handler '{0}' takes '{1}', which is not a Kryten event type: use a record marked [KrytenEvent] (generated from the schema) or KrytenRawEvent",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The first parameter's type decides which event a handler receives; it must be a generated event record (SDK or the project's KrytenSchema) or KrytenRawEvent.");

    /// <summary>KRY102: "Type '{0}' must be partial to contain Kryten handlers".</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        id: "KRY102",
        title: "Type with Kryten handlers must be partial",
        messageFormat: "Type '{0}' must be partial to contain Kryten handlers (the generator adds the dispatch table to it)",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated IKrytenHandlerSet implementation is a partial declaration of the handler class and of every type containing it.");

    /// <summary>KRY103: "Handler '{0}' is static".</summary>
    public static readonly DiagnosticDescriptor HandlerMethodStatic = new(
        id: "KRY103",
        title: "Handler method is static",
        messageFormat: "Handler '{0}' is static; Kryten handlers are instance methods of the object passed to the client",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>KRY104: "Handler '{0}' returns '{1}'".</summary>
    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        id: "KRY104",
        title: "Handler return type is not Task or ValueTask",
        messageFormat: "Handler '{0}' returns '{1}'; Kryten handlers return Task or ValueTask",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The runtime awaits every handler to bound concurrency and report failures; void and Task<T> are not accepted.");

    /// <summary>KRY105: "Handler '{0}' sets Event, but only raw handlers can".</summary>
    public static readonly DiagnosticDescriptor EventFilterOnTypedHandler = new(
        id: "KRY105",
        title: "Event filter on a typed handler",
        messageFormat: "Handler '{0}' sets Event = \"{1}\", but its event is already given by its parameter type '{2}'; Event is only for KrytenRawEvent handlers",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>KRY106: "Handler '{0}' is generic".</summary>
    public static readonly DiagnosticDescriptor GenericHandlerMethod = new(
        id: "KRY106",
        title: "Handler method is generic",
        messageFormat: "Handler '{0}' is generic; the dispatch table calls handlers with one concrete event type",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>KRY107: "Handlers '{0}' and '{1}' both handle '{2}' with the same filters".</summary>
    public static readonly DiagnosticDescriptor DuplicateHandler = new(
        id: "KRY107",
        title: "Duplicate handler",
        messageFormat: "Handlers '{0}' and '{1}' both handle '{2}' with the same Channel/Domain/SkipBacklog filters; both would run for every such event",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Two handlers of one class for the same event and filters are usually a copy/paste mistake; merge them into one method.");

    /// <summary>KRY108: "Type '{0}' is declared as {1}; Kryten handlers must be declared in a non-static class".</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotClass = new(
        id: "KRY108",
        title: "Kryten handlers must be declared in a class",
        messageFormat: "Type '{0}' is declared as {1}; Kryten handlers must be declared in a non-static class or record class",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The runtime holds handler sets by reference (IKrytenHandlerSet); structs would be copied and static classes cannot implement interfaces.");

    /// <summary>KRY109: "Type '{0}' declares Kryten handlers and derives from '{1}', which has handlers too".</summary>
    public static readonly DiagnosticDescriptor HandlerBaseClassHasHandlers = new(
        id: "KRY109",
        title: "Handler class derives from another handler class",
        messageFormat: "Type '{0}' declares Kryten handlers and derives from '{1}', which has handlers too; a handler set cannot extend another, so keep the handlers in one class or register two objects",
        category: HandlersCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each class with handlers implements IKrytenHandlerSet itself; a derived implementation would silently hide the base class's handlers.");
}

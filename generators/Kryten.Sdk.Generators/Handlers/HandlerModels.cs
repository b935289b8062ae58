using System.Linq;
using Kryten.Sdk.Generators.Common;

namespace Kryten.Sdk.Generators.Handlers;

// Every model here is an incremental-pipeline value: immutable, structural equality, and no ISymbol,
// SyntaxNode, Compilation or Location (LocationInfo instead), so unchanged handlers stay cached.

/// <summary>How the first parameter of a handler was resolved.</summary>
internal enum HandlerEventKind
{
    /// <summary>A type marked <c>[KrytenEvent("name")]</c>.</summary>
    Typed,

    /// <summary><c>KrytenRawEvent</c>: every event, or the attribute's <c>Event</c>.</summary>
    Raw,

    /// <summary>
    /// An error type: possibly a record the schema generator creates from the project's KrytenSchema
    /// in this same compilation (invisible to this generator); resolved against the YAML later.
    /// </summary>
    Unresolved,
}

/// <summary>A type declaration enclosing the handler class (or the class itself), outermost first.</summary>
/// <param name="Keyword"><c>class</c> or <c>record</c>.</param>
/// <param name="Name">The name with its type parameter list, e.g. <c>Bot&lt;T&gt;</c>.</param>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);

/// <summary>Where a handler class sits: what the emitted partial declaration needs.</summary>
/// <param name="MetadataName">Unique key: namespace-qualified metadata name (<c>N.Outer+Bot`1</c>).</param>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="Types">The declaration chain, outermost first; the last is the handler class.</param>
internal sealed record HandlerClassInfo(string MetadataName, string Namespace, EquatableArray<TypeDeclarationInfo> Types)
{
    /// <summary>The class as written in descriptor names: <c>Outer.Bot</c>.</summary>
    public string DisplayName => string.Join(".", Types.Select(t => t.Name));
}

/// <summary>One valid (or partially valid) handler method, as the dispatch needs it.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="Kind">How the event parameter resolved.</param>
/// <param name="EventType">The event parameter's type as <c>global::</c> name; for unresolved types, the simple name.</param>
/// <param name="EventName">CyTube event name; null for a raw handler of every event (or until resolved).</param>
/// <param name="Channel">The attribute's Channel.</param>
/// <param name="Domain">The attribute's Domain.</param>
/// <param name="EventFilter">The attribute's Event.</param>
/// <param name="Ordered">The attribute's Ordered.</param>
/// <param name="TakesContext">Second parameter is EventContext.</param>
/// <param name="TakesCancellationToken">Last parameter is CancellationToken.</param>
/// <param name="ReturnsTask">Returns Task (wrapped into ValueTask) rather than ValueTask.</param>
/// <param name="SkipBacklog">The attribute's SkipBacklog.</param>
internal sealed record HandlerMethodModel(
    string MethodName,
    HandlerEventKind Kind,
    string EventType,
    string? EventName,
    string? Channel,
    string? Domain,
    string? EventFilter,
    bool Ordered,
    bool TakesContext,
    bool TakesCancellationToken,
    bool ReturnsTask,
    bool SkipBacklog = false);

/// <summary>The outcome of reading one <c>[KrytenHandler]</c> method.</summary>
/// <param name="Class">The class it belongs to (the grouping key).</param>
/// <param name="ClassDiagnostics">Problems of the class itself (not partial, not a class): no code can be emitted for it.</param>
/// <param name="Method">The handler, or null when the method is invalid.</param>
/// <param name="Location">The method name's location, for diagnostics found later (unknown event, duplicates).</param>
/// <param name="MethodDiagnostics">Problems of the method.</param>
internal sealed record HandlerMethodResult(
    HandlerClassInfo Class,
    EquatableArray<DiagnosticInfo> ClassDiagnostics,
    HandlerMethodModel? Method,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> MethodDiagnostics);

/// <summary>A user-schema event record the schema generator creates in this compilation.</summary>
/// <param name="RecordName">C# record name (<c>record:</c>).</param>
/// <param name="CytubeName">CyTube event name (<c>cytube:</c>).</param>
internal sealed record UserSchemaEvent(string RecordName, string CytubeName);

/// <summary>The project's user-schema events and the namespace the schema generator puts them in.</summary>
internal sealed record UserSchemaEvents(string Namespace, EquatableArray<UserSchemaEvent> Events)
{
    /// <summary>No user schema.</summary>
    public static readonly UserSchemaEvents None = new(string.Empty, EquatableArray<UserSchemaEvent>.Empty);
}

/// <summary>What the emitter writes for one class: no locations, so moving code does not re-emit.</summary>
/// <param name="Class">Where to emit.</param>
/// <param name="Handlers">Valid handlers in declaration order (index = position).</param>
internal sealed record DispatchModel(HandlerClassInfo Class, EquatableArray<HandlerMethodModel> Handlers)
{
    /// <summary>The generated file's hint name.</summary>
    public string HintName =>
        Class.MetadataName.Replace('+', '.').Replace('`', '_') + ".KrytenHandlers.g.cs";
}

/// <summary>One class with handlers: its dispatch (null if none can be emitted) and all its diagnostics.</summary>
internal sealed record HandlerClassModel(DispatchModel? Dispatch, EquatableArray<DiagnosticInfo> Diagnostics);

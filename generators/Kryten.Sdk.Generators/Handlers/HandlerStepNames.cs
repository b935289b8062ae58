namespace Kryten.Sdk.Generators.Handlers;

/// <summary>Tracking names of the handler pipeline's steps (for cacheability tests).</summary>
internal static class HandlerStepNames
{
    /// <summary>One <see cref="HandlerMethodResult"/> per <c>[KrytenHandler]</c> method.</summary>
    public const string HandlerMethods = "KrytenHandlerMethods";

    /// <summary>Event records declared in the project's own KrytenSchema YAML files.</summary>
    public const string UserSchemaEvents = "KrytenUserSchemaEvents";

    /// <summary>One <see cref="HandlerClassModel"/> per class with handlers (diagnostics included).</summary>
    public const string HandlerClasses = "KrytenHandlerClasses";

    /// <summary>The location-free part of <see cref="HandlerClasses"/> that the emitter consumes.</summary>
    public const string DispatchModels = "KrytenDispatchModels";

    /// <summary>Every step above.</summary>
    public static readonly string[] All = [HandlerMethods, UserSchemaEvents, HandlerClasses, DispatchModels];
}

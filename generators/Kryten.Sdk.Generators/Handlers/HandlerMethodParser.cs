using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kryten.Sdk.Generators.Handlers;

/// <summary>
/// Reads one <c>[KrytenHandler]</c> method (symbols) into a <see cref="HandlerMethodResult"/> (values).
/// All semantic work of the handler pipeline happens here, inside the ForAttributeWithMetadataName transform.
/// </summary>
internal static class HandlerMethodParser
{
    /// <summary>The attribute the pipeline is keyed on.</summary>
    public const string HandlerAttributeMetadataName = "Kryten.Sdk.KrytenHandlerAttribute";

    private const string RawEventMetadataName = "Kryten.Sdk.KrytenRawEvent";
    private const string EventAttributeMetadataName = "Kryten.Sdk.KrytenEventAttribute";
    private const string EventContextMetadataName = "Kryten.Sdk.EventContext";

    /// <summary>Syntax-only filter: the attribute sits on a method declaration (not a local function).</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is MethodDeclarationSyntax;

    /// <summary>Reads the method the attribute is on.</summary>
    public static HandlerMethodResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var methodSyntax = (MethodDeclarationSyntax)context.TargetNode;
        var location = LocationInfo.From(methodSyntax.Identifier.GetLocation());
        var compilation = context.SemanticModel.Compilation;

        var classInfo = ReadClass(method.ContainingType, compilation, out var classDiagnostics, cancellationToken);
        var displayName = $"{classInfo.DisplayName}.{method.Name}";
        var problems = new List<DiagnosticInfo>();

        if (method.IsStatic)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HandlerMethodStatic, location, displayName));
        }

        if (method.IsGenericMethod)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericHandlerMethod, location, displayName));
        }

        var returnsTask = ReadReturnType(method, compilation, displayName, location, problems);
        var shape = ReadParameters(method, compilation, displayName, location, problems);
        var attribute = AttributeValues.Read(context.Attributes[0]);
        var handler = shape is { } s ? ReadEvent(s.EventType, compilation, attribute, displayName, location, problems) : null;

        var model = problems.Count == 0 && handler is { } h && shape is { } p && returnsTask is { } task
            ? new HandlerMethodModel(
                method.Name,
                h.Kind,
                h.EventType,
                h.EventName,
                attribute.Channel,
                attribute.Domain,
                attribute.Event,
                attribute.Ordered,
                p.TakesContext,
                p.TakesCancellationToken,
                task,
                attribute.SkipBacklog)
            : null;

        return new HandlerMethodResult(classInfo, classDiagnostics, model, location, problems.ToEquatableArray());
    }

    /// <summary>Reads the class a member attribute sits in (shared with the chat command pipeline): its declaration chain and its problems.</summary>
    internal static HandlerClassInfo ReadClass(
        INamedTypeSymbol handlerClass,
        Compilation compilation,
        out EquatableArray<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var type = handlerClass; type is not null; type = type.ContainingType)
        {
            chain.Insert(0, type);
        }

        var problems = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(handlerClass.Locations.FirstOrDefault());
        var kind = TypeKindText(handlerClass);
        if (kind is not ("class" or "record"))
        {
            problems.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContainingTypeNotClass, classLocation, handlerClass.Name, kind));
        }

        foreach (var type in chain)
        {
            if (!IsPartial(type, cancellationToken))
            {
                problems.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(type.Locations.FirstOrDefault()), type.Name));
            }
        }

        if (BaseWithHandlers(handlerClass, compilation) is { } baseType)
        {
            problems.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.HandlerBaseClassHasHandlers, classLocation, handlerClass.Name, baseType.ToDisplayString()));
        }

        var ns = handlerClass.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var metadataName = (ns.Length == 0 ? string.Empty : ns + ".") + string.Join("+", chain.Select(t => t.MetadataName));
        var types = chain.Select(t => new TypeDeclarationInfo(TypeKindText(t), NameWithTypeParameters(t))).ToEquatableArray();

        diagnostics = problems.ToEquatableArray();
        return new HandlerClassInfo(metadataName, ns, types);
    }

    // A base from another assembly shows its generated IKrytenHandlerSet; one from this compilation does not
    // (generator output is invisible here) but still carries the attribute, which [Conditional] only strips from metadata.
    private static INamedTypeSymbol? BaseWithHandlers(INamedTypeSymbol handlerClass, Compilation compilation)
    {
        var handlerSet = compilation.GetTypeByMetadataName("Kryten.Sdk.IKrytenHandlerSet");
        var handlerAttribute = compilation.GetTypeByMetadataName(HandlerAttributeMetadataName);
        for (var type = handlerClass.BaseType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            var implementsSet = type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, handlerSet));
            var hasHandlers = type.GetMembers().OfType<IMethodSymbol>().Any(m =>
                m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, handlerAttribute)));
            if (implementsSet || hasHandlers)
            {
                return type;
            }
        }

        return null;
    }

    private static string TypeKindText(INamedTypeSymbol type) => type switch
    {
        { IsStatic: true } => "static class",
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? type.Name
            : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>";

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static bool? ReadReturnType(
        IMethodSymbol method, Compilation compilation, string displayName, LocationInfo? location, List<DiagnosticInfo> problems)
    {
        var returnType = method.ReturnType;
        if (Is(returnType, compilation, "System.Threading.Tasks.Task"))
        {
            return true;
        }

        if (Is(returnType, compilation, "System.Threading.Tasks.ValueTask"))
        {
            return false;
        }

        problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, displayName, returnType.ToDisplayString()));
        return null;
    }

    private static ParameterShape? ReadParameters(
        IMethodSymbol method, Compilation compilation, string displayName, LocationInfo? location, List<DiagnosticInfo> problems)
    {
        var parameters = method.Parameters;
        string? problem = null;
        if (parameters.Length == 0)
        {
            problem = "it takes no event parameter";
        }
        else if (parameters.Length > 3)
        {
            problem = $"it takes {parameters.Length} parameters";
        }
        else if (parameters.FirstOrDefault(p => p.RefKind != RefKind.None || p.IsParams) is { } byRef)
        {
            problem = $"parameter '{byRef.Name}' must be passed by value";
        }

        var takesContext = false;
        var takesToken = false;
        for (var i = 1; problem is null && i < parameters.Length; i++)
        {
            var type = parameters[i].Type;
            var isLast = i == parameters.Length - 1;
            if (i == 1 && Is(type, compilation, EventContextMetadataName))
            {
                takesContext = true;
            }
            else if (isLast && Is(type, compilation, "System.Threading.CancellationToken"))
            {
                takesToken = true;
            }
            else
            {
                var expected = i == 1 && !isLast ? "EventContext" : i == 1 ? "EventContext or CancellationToken" : "CancellationToken";
                problem = $"parameter '{parameters[i].Name}' is '{type.ToDisplayString()}' where {expected} is expected";
            }
        }

        if (problem is not null)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HandlerSignatureInvalid, location, displayName, problem));
            return null;
        }

        return new ParameterShape(parameters[0].Type, takesContext, takesToken);
    }

    private static ResolvedEvent? ReadEvent(
        ITypeSymbol eventType,
        Compilation compilation,
        AttributeValues attribute,
        string displayName,
        LocationInfo? location,
        List<DiagnosticInfo> problems)
    {
        if (Is(eventType, compilation, RawEventMetadataName))
        {
            return new ResolvedEvent(HandlerEventKind.Raw, "global::" + RawEventMetadataName, attribute.Event);
        }

        ResolvedEvent? resolved = null;
        if (eventType.TypeKind == TypeKind.Error)
        {
            resolved = new ResolvedEvent(HandlerEventKind.Unresolved, eventType.Name, null);
        }
        else if (CytubeEventName(eventType, compilation) is { } eventName)
        {
            resolved = new ResolvedEvent(
                HandlerEventKind.Typed, eventType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), eventName);
        }
        else
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEventType, location, displayName, eventType.ToDisplayString()));
            return null;
        }

        if (attribute.Event is { } filter)
        {
            problems.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.EventFilterOnTypedHandler, location, displayName, filter, eventType.ToDisplayString()));
        }

        return resolved;
    }

    private static string? CytubeEventName(ITypeSymbol eventType, Compilation compilation)
    {
        var attributeType = compilation.GetTypeByMetadataName(EventAttributeMetadataName);
        return eventType.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType))
            .Select(a => a.ConstructorArguments.FirstOrDefault().Value as string)
            .FirstOrDefault(name => !string.IsNullOrEmpty(name));
    }

    internal static bool Is(ITypeSymbol type, Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) is { } known && SymbolEqualityComparer.Default.Equals(type, known);

    private readonly record struct ParameterShape(ITypeSymbol EventType, bool TakesContext, bool TakesCancellationToken);

    private readonly record struct ResolvedEvent(HandlerEventKind Kind, string EventType, string? EventName);

    /// <summary>The named arguments of <c>[KrytenHandler(...)]</c>.</summary>
    private readonly record struct AttributeValues(string? Channel, string? Domain, string? Event, bool Ordered, bool SkipBacklog)
    {
        public static AttributeValues Read(AttributeData attribute)
        {
            var values = new AttributeValues(null, null, null, false, false);
            foreach (var argument in attribute.NamedArguments)
            {
                values = argument.Key switch
                {
                    "Channel" => values with { Channel = argument.Value.Value as string },
                    "Domain" => values with { Domain = argument.Value.Value as string },
                    "Event" => values with { Event = argument.Value.Value as string },
                    "Ordered" => values with { Ordered = argument.Value.Value is true },
                    "SkipBacklog" => values with { SkipBacklog = argument.Value.Value is true },
                    _ => values,
                };
            }

            return values;
        }
    }
}

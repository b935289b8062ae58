using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Diagnostics;
using Kryten.Sdk.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kryten.Sdk.Generators.ChatCommands;

/// <summary>
/// Reads one <c>[ChatCommand]</c> method (symbols) into a <see cref="ChatCommandMethodResult"/> (values): its
/// attributes, its signature and the type of each argument. All semantic work of the pipeline happens here.
/// </summary>
internal static class ChatCommandParser
{
    /// <summary>The attribute the pipeline is keyed on.</summary>
    public const string CommandAttributeMetadataName = "Kryten.Sdk.ChatCommands.ChatCommandAttribute";

    private const string RequireRankMetadataName = "Kryten.Sdk.ChatCommands.RequireRankAttribute";
    private const string CooldownMetadataName = "Kryten.Sdk.ChatCommands.CooldownAttribute";
    private const string RemainderMetadataName = "Kryten.Sdk.ChatCommands.RemainderAttribute";
    private const string ContextMetadataName = "Kryten.Sdk.ChatCommands.ChatCommandContext";
    private const string CancellationTokenMetadataName = "System.Threading.CancellationToken";
    private const int AnySource = 3;

    /// <summary>Syntax-only filter: the attribute sits on a method declaration (not a local function).</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is MethodDeclarationSyntax;

    /// <summary>Reads the method the attribute is on.</summary>
    public static ChatCommandMethodResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var methodSyntax = (MethodDeclarationSyntax)context.TargetNode;
        var location = LocationInfo.From(methodSyntax.Identifier.GetLocation());
        var compilation = context.SemanticModel.Compilation;
        var classInfo = HandlerMethodParser.ReadClass(method.ContainingType, compilation, out var classDiagnostics, cancellationToken);
        var displayName = $"{classInfo.DisplayName}.{method.Name}";
        var problems = new List<DiagnosticInfo>();

        var attribute = context.Attributes[0];
        var name = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var aliases = new List<string>();
        var sources = AnySource;
        var allowSlash = false;
        string? channel = null;
        string? domain = null;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Aliases" when !argument.Value.IsNull:
                    aliases.AddRange(argument.Value.Values.Select(v => v.Value as string ?? string.Empty));
                    break;
                case "From":
                    sources = argument.Value.Value is int from ? from : AnySource;
                    break;
                case "AllowSlash":
                    allowSlash = argument.Value.Value is true;
                    break;
                case "Channel":
                    channel = argument.Value.Value as string;
                    break;
                case "Domain":
                    domain = argument.Value.Value as string;
                    break;
            }
        }

        foreach (var typed in aliases.Prepend(name).Where(n => n.Length == 0 || n.Any(char.IsWhiteSpace)))
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidChatCommandName, location, displayName, typed));
        }

        var returnsTask = ReadSignature(method, compilation, displayName, location, problems, out var takesContext, out var takesToken);
        var parameters = returnsTask is null ? new List<ChatParameterModel>() : ReadParameters(method, compilation, displayName, location, takesContext, takesToken, problems);
        var (minimumRank, cooldownSeconds, cooldownScope) = ReadPreconditions(method, compilation);

        var model = problems.Count == 0 && returnsTask is { } task
            ? new ChatCommandModel(
                method.Name,
                name,
                aliases.ToEquatableArray(),
                DocSummary.Read(methodSyntax),
                sources,
                minimumRank,
                cooldownSeconds,
                cooldownScope,
                allowSlash,
                channel,
                domain,
                takesContext,
                takesToken,
                task,
                parameters.ToEquatableArray())
            : null;

        return new ChatCommandMethodResult(classInfo, classDiagnostics, model, location, problems.ToEquatableArray());
    }

    // Static, generic, return type, by-ref parameters, and where the context and the token sit.
    private static bool? ReadSignature(
        IMethodSymbol method,
        Compilation compilation,
        string displayName,
        LocationInfo? location,
        List<DiagnosticInfo> problems,
        out bool takesContext,
        out bool takesToken)
    {
        var parameters = method.Parameters;
        takesContext = parameters.Length > 0 && HandlerMethodParser.Is(parameters[0].Type, compilation, ContextMetadataName);
        takesToken = parameters.Length > 0 && HandlerMethodParser.Is(parameters[parameters.Length - 1].Type, compilation, CancellationTokenMetadataName);

        bool? returnsTask = HandlerMethodParser.Is(method.ReturnType, compilation, "System.Threading.Tasks.Task") ? true
            : HandlerMethodParser.Is(method.ReturnType, compilation, "System.Threading.Tasks.ValueTask") ? false
            : null;

        string? problem = method.IsStatic ? "it is static"
            : method.IsGenericMethod ? "it is generic"
            : returnsTask is null ? $"it returns '{method.ReturnType.ToDisplayString()}'"
            : parameters.FirstOrDefault(p => p.RefKind != RefKind.None || p.IsParams) is { } byRef ? $"parameter '{byRef.Name}' must be passed by value"
            : parameters.Skip(1).FirstOrDefault(p => HandlerMethodParser.Is(p.Type, compilation, ContextMetadataName)) is { } context ? $"ChatCommandContext '{context.Name}' must be the first parameter"
            : parameters.Take(parameters.Length - 1).FirstOrDefault(p => HandlerMethodParser.Is(p.Type, compilation, CancellationTokenMetadataName)) is { } token ? $"CancellationToken '{token.Name}' must be the last parameter"
            : null;

        if (problem is not null)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ChatCommandSignatureInvalid, location, displayName, problem));
            return null;
        }

        return returnsTask;
    }

    private static List<ChatParameterModel> ReadParameters(
        IMethodSymbol method,
        Compilation compilation,
        string displayName,
        LocationInfo? location,
        bool takesContext,
        bool takesToken,
        List<DiagnosticInfo> problems)
    {
        var arguments = method.Parameters.Skip(takesContext ? 1 : 0).Take(method.Parameters.Length - (takesContext ? 1 : 0) - (takesToken ? 1 : 0)).ToList();
        var remainderAttribute = compilation.GetTypeByMetadataName(RemainderMetadataName);
        var models = new List<ChatParameterModel>();
        IParameterSymbol? firstOptional = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var parameter = arguments[i];
            var isRemainder = parameter.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, remainderAttribute));
            if (isRemainder && (i != arguments.Count - 1 || parameter.Type.SpecialType != SpecialType.System_String))
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RemainderNotLast, location, displayName, parameter.Name));
                continue;
            }

            if (firstOptional is not null && !parameter.HasExplicitDefaultValue)
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionalChatParameterBeforeRequired, location, displayName, firstOptional.Name, parameter.Name));
            }

            firstOptional ??= parameter.HasExplicitDefaultValue ? parameter : null;
            var kind = isRemainder ? ChatParameterKind.Remainder : KindOf(parameter.Type, compilation);
            if (kind is null)
            {
                problems.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedChatParameterType, location, displayName, parameter.Name, parameter.Type.ToDisplayString()));
                continue;
            }

            var type = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var choices = kind == ChatParameterKind.Enum
                ? parameter.Type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                    .Select(f => new EnumChoice(f.Name.ToLowerInvariant(), f.Name))
                    .GroupBy(c => c.Typed).Select(g => g.First()).ToEquatableArray()
                : EquatableArray<EnumChoice>.Empty;
            models.Add(new ChatParameterModel(parameter.Name, kind.Value, type, DefaultOf(parameter, type), choices));
        }

        return models;
    }

    private static ChatParameterKind? KindOf(ITypeSymbol type, Compilation compilation)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Int32: return ChatParameterKind.Int32;
            case SpecialType.System_Int64: return ChatParameterKind.Int64;
            case SpecialType.System_Double: return ChatParameterKind.Double;
            case SpecialType.System_Boolean: return ChatParameterKind.Boolean;
            case SpecialType.System_String: return ChatParameterKind.String;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ChatParameterKind.Enum;
        }

        if (HandlerMethodParser.Is(type, compilation, "System.TimeSpan"))
        {
            return ChatParameterKind.Duration;
        }

        var parsable = compilation.GetTypeByMetadataName("System.IParsable`1");
        var selfParsable = parsable is not null && type.AllInterfaces.Any(i =>
            SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, parsable)
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.NotAnnotated), type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)));
        return selfParsable ? ChatParameterKind.Parsable : null;
    }

    // The default as a C# expression, read in the invariant culture.
    private static string? DefaultOf(IParameterSymbol parameter, string type)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        return parameter.ExplicitDefaultValue switch
        {
            null => parameter.Type.IsReferenceType ? "null" : "default",
            string s => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, quote: true),
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            long l when parameter.Type.SpecialType == SpecialType.System_Int64 => l.ToString(CultureInfo.InvariantCulture) + "L",
            var value when parameter.Type.TypeKind == TypeKind.Enum => $"({type})({Convert.ToString(value, CultureInfo.InvariantCulture)})",
            var value => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static (double? Rank, double Seconds, int Scope) ReadPreconditions(IMethodSymbol method, Compilation compilation)
    {
        var requireRank = compilation.GetTypeByMetadataName(RequireRankMetadataName);
        var cooldown = compilation.GetTypeByMetadataName(CooldownMetadataName);
        double? rank = null;
        double seconds = 0;
        var scope = 0;
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, requireRank))
            {
                rank = attribute.ConstructorArguments.FirstOrDefault().Value is double r ? r : null;
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, cooldown))
            {
                seconds = attribute.ConstructorArguments.FirstOrDefault().Value is double s ? s : 0;
                scope = attribute.NamedArguments.Where(a => a.Key == "Per").Select(a => a.Value.Value).OfType<int>().FirstOrDefault();
            }
        }

        return (rank, seconds, scope);
    }
}

using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Diagnostics;

/// <summary>
/// The KRY2xx part of the catalog: problems with user <c>[ChatCommand]</c> methods. IDs are stable; never renumber,
/// only add (and list new ones in AnalyzerReleases.Unshipped.md).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string ChatCommandsCategory = "Kryten.ChatCommands";

    /// <summary>KRY200: "Chat command '{0}' has an unsupported signature: {1}".</summary>
    public static readonly DiagnosticDescriptor ChatCommandSignatureInvalid = new(
        id: "KRY200",
        title: "Chat command has an unsupported signature",
        messageFormat: "Chat command '{0}' has an unsupported signature: {1}. A command is an instance method returning Task or ValueTask that takes an optional ChatCommandContext first, its arguments by value, and an optional CancellationToken last.",
        category: ChatCommandsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>KRY201: "Chat commands '{0}' and '{1}' both answer to '{2}'".</summary>
    public static readonly DiagnosticDescriptor DuplicateChatCommandName = new(
        id: "KRY201",
        title: "Duplicate chat command name or alias",
        messageFormat: "Chat commands '{0}' and '{1}' both answer to '{2}' (names and aliases compare case-insensitively)",
        category: ChatCommandsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each name and alias of a bot's commands must be unique, or one command would never run.");

    /// <summary>KRY202: "Parameter '{1}' of chat command '{0}' has type '{2}', which cannot be read from chat".</summary>
    public static readonly DiagnosticDescriptor UnsupportedChatParameterType = new(
        id: "KRY202",
        title: "Chat command parameter type is not supported",
        messageFormat: "Parameter '{1}' of chat command '{0}' has type '{2}', which cannot be read from chat: use int, long, double, bool, string, an enum, TimeSpan or a type implementing IParsable<T>",
        category: ChatCommandsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>KRY203: "The [Remainder] parameter '{1}' of chat command '{0}' must be its last argument, of type string".</summary>
    public static readonly DiagnosticDescriptor RemainderNotLast = new(
        id: "KRY203",
        title: "Remainder parameter is not the last string argument",
        messageFormat: "The [Remainder] parameter '{1}' of chat command '{0}' must be its last argument (before an optional CancellationToken), of type string",
        category: ChatCommandsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The rest of the line takes every word after the arguments before it, so nothing can follow it.");

    /// <summary>KRY204: "Optional parameter '{1}' of chat command '{0}' comes before required parameter '{2}'".</summary>
    public static readonly DiagnosticDescriptor OptionalChatParameterBeforeRequired = new(
        id: "KRY204",
        title: "Optional chat command argument before a required one",
        messageFormat: "Optional parameter '{1}' of chat command '{0}' comes before required parameter '{2}'; arguments are read by position, so optional ones must come last",
        category: ChatCommandsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>KRY205: "Chat command '{0}' has the name '{1}', which cannot be typed".</summary>
    public static readonly DiagnosticDescriptor InvalidChatCommandName = new(
        id: "KRY205",
        title: "Chat command name cannot be typed",
        messageFormat: "Chat command '{0}' has the name or alias '{1}', which cannot be typed as a command: names are non-empty and contain no white space",
        category: ChatCommandsCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A command name is the text after the prefix up to the first white space (docs/chat-commands.md).");
}

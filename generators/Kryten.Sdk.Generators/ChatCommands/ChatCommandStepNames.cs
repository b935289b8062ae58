namespace Kryten.Sdk.Generators.ChatCommands;

/// <summary>Tracking names of the chat command pipeline's steps (for cacheability tests).</summary>
internal static class ChatCommandStepNames
{
    /// <summary>One <see cref="ChatCommandMethodResult"/> per <c>[ChatCommand]</c> method.</summary>
    public const string CommandMethods = "KrytenChatCommandMethods";

    /// <summary>One <see cref="ChatCommandClassModel"/> per class with commands (diagnostics included).</summary>
    public const string CommandClasses = "KrytenChatCommandClasses";

    /// <summary>The location-free part of <see cref="CommandClasses"/> that the emitter consumes.</summary>
    public const string CommandSets = "KrytenChatCommandSets";

    /// <summary>Every step above.</summary>
    public static readonly string[] All = [CommandMethods, CommandClasses, CommandSets];
}

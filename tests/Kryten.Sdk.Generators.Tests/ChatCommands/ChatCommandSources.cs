namespace Kryten.Sdk.Generators.Tests.ChatCommands;

/// <summary>User code shared by the chat command generator tests.</summary>
internal static class ChatCommandSources
{
    /// <summary>Usings every command file starts with.</summary>
    public const string Usings = """
        using System;
        using System.Globalization;
        using System.Threading;
        using System.Threading.Tasks;
        using Kryten.Sdk;
        using Kryten.Sdk.ChatCommands;

        """;

    /// <summary>Wraps command code in the usings, as a file.</summary>
    public static string File(string code) => Usings + code;
}

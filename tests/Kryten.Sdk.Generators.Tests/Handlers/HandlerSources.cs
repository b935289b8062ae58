namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>C# inputs shared by the handler generator tests.</summary>
internal static class HandlerSources
{
    /// <summary>Event records as the schema generator emits them (attribute + sealed record), in a test namespace.</summary>
    public const string Events = """
        namespace Demo.Events
        {
            [global::Kryten.Sdk.KrytenEvent("chatMsg")]
            public sealed record ChatMessage(string Username, string Msg);

            [global::Kryten.Sdk.KrytenEvent("addUser")]
            public sealed record AddUser(string Name);

            [global::Kryten.Sdk.KrytenEvent("usercount")]
            public sealed record UserCount(int Count);
        }
        """;

    /// <summary>Usings every handler file starts with.</summary>
    public const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Kryten.Sdk;
        using Demo.Events;

        """;

    /// <summary>Wraps handler code in the usings, as a file.</summary>
    public static string File(string code) => Usings + code;
}

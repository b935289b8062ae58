namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>C# inputs shared by the handler generator tests.</summary>
internal static class HandlerSources
{
    /// <summary>
    /// Event records shaped as the schema generator emits them (attribute, sealed record, <c>IKrytenEvent</c>), in a test
    /// namespace; their JSON members are not used by the handler tests.
    /// </summary>
    public const string Events = """
        namespace Demo.Events
        {
            [global::Kryten.Sdk.KrytenEvent("chatMsg")]
            public sealed record ChatMessage(string Username, string Msg) : global::Kryten.Sdk.IKrytenEvent<ChatMessage>
            {
                public static string CytubeEventName => "chatMsg";
                public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<ChatMessage> JsonTypeInfo => throw new global::System.NotSupportedException();
                public static ChatMessage ReadJson(ref global::System.Text.Json.Utf8JsonReader reader) => throw new global::System.NotSupportedException();
            }

            [global::Kryten.Sdk.KrytenEvent("addUser")]
            public sealed record AddUser(string Name) : global::Kryten.Sdk.IKrytenEvent<AddUser>
            {
                public static string CytubeEventName => "addUser";
                public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<AddUser> JsonTypeInfo => throw new global::System.NotSupportedException();
                public static AddUser ReadJson(ref global::System.Text.Json.Utf8JsonReader reader) => throw new global::System.NotSupportedException();
            }

            [global::Kryten.Sdk.KrytenEvent("usercount")]
            public sealed record UserCount(int Count) : global::Kryten.Sdk.IKrytenEvent<UserCount>
            {
                public static string CytubeEventName => "usercount";
                public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<UserCount> JsonTypeInfo => throw new global::System.NotSupportedException();
                public static UserCount ReadJson(ref global::System.Text.Json.Utf8JsonReader reader) => throw new global::System.NotSupportedException();
            }
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

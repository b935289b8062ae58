using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk;

namespace Kryten.Sdk.Tests.Support;

// Hand-written stand-ins for generated records (tests only): the runtime depends on IKrytenEvent<T> and
// JsonTypeInfo<T>, not on the generator, so dispatch is tested against these.

public sealed class TestChat : IKrytenEvent<TestChat>
{
    public required string Username { get; init; }
    public required string Msg { get; init; }
    public JsonElement? Meta { get; init; }
    public required long Time { get; init; }
    public static string CytubeEventName => "chatMsg";
    public static JsonTypeInfo<TestChat> JsonTypeInfo => TestJson.Default.TestChat;
    public static TestChat ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

public sealed class TestUserLeave : IKrytenEvent<TestUserLeave>
{
    public required string Name { get; init; }
    public static string CytubeEventName => "userLeave";
    public static JsonTypeInfo<TestUserLeave> JsonTypeInfo => TestJson.Default.TestUserLeave;
    public static TestUserLeave ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

public sealed class TestAddUser : IKrytenEvent<TestAddUser>
{
    public required string Name { get; init; }
    [JsonConverter(typeof(FiniteDoubleConverter))]
    public required double Rank { get; init; }
    public static string CytubeEventName => "addUser";
    public static JsonTypeInfo<TestAddUser> JsonTypeInfo => TestJson.Default.TestAddUser;
    public static TestAddUser ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

public sealed class TestDelete : IKrytenEvent<TestDelete>
{
    public required long Uid { get; init; }
    public static string CytubeEventName => "delete";
    public static JsonTypeInfo<TestDelete> JsonTypeInfo => TestJson.Default.TestDelete;
    public static TestDelete ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

public sealed class TestChangeMedia : IKrytenEvent<TestChangeMedia>
{
    public required string Id { get; init; }
    public required double Seconds { get; init; }
    public static string CytubeEventName => "changeMedia";
    public static JsonTypeInfo<TestChangeMedia> JsonTypeInfo => TestJson.Default.TestChangeMedia;
    public static TestChangeMedia ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

public sealed class TestMediaUpdate : IKrytenEvent<TestMediaUpdate>
{
    public required double CurrentTime { get; init; }
    public required bool Paused { get; init; }
    public static string CytubeEventName => "mediaUpdate";
    public static JsonTypeInfo<TestMediaUpdate> JsonTypeInfo => TestJson.Default.TestMediaUpdate;
    public static TestMediaUpdate ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

public sealed class TestQueue : IKrytenEvent<TestQueue>
{
    public required JsonElement Item { get; init; }
    public required QueueAfter After { get; init; }
    public static string CytubeEventName => "queue";
    public static JsonTypeInfo<TestQueue> JsonTypeInfo => TestJson.Default.TestQueue;
    public static TestQueue ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
}

[JsonConverter(typeof(QueueAfterConverter))]
public readonly record struct QueueAfter(long? Uid, string? Text);

public sealed class QueueAfterConverter : JsonConverter<QueueAfter>
{
    public override QueueAfter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new QueueAfter(reader.GetInt64(), null),
        JsonTokenType.String => new QueueAfter(null, reader.GetString()),
        _ => throw new JsonException("after must be a uid or a string"),
    };

    public override void Write(Utf8JsonWriter writer, QueueAfter value, JsonSerializerOptions options)
    {
        if (value.Uid is long uid) writer.WriteNumberValue(uid);
        else writer.WriteStringValue(value.Text);
    }
}

/// <summary>Numbers that overflow a double (1e400) are shape errors, not infinities (generated converters must do the same).</summary>
public sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDouble();
        return double.IsFinite(value) ? value : throw new JsonException("number out of range");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>Bare-value payloads (numbers, strings, booleans) wrapped in a record, as the generator does.</summary>
public abstract class BareConverter<TRecord, TValue>(JsonTokenType token, Func<TValue, TRecord> create, Func<TRecord, TValue> value) : JsonConverter<TRecord>
{
    public override TRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var ok = token == JsonTokenType.True ? reader.TokenType is JsonTokenType.True or JsonTokenType.False : reader.TokenType == token;
        if (!ok) throw new JsonException($"expected {token}, got {reader.TokenType}");
        return create(JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<TValue>)TestJson.Default.GetTypeInfo(typeof(TValue))!)!);
    }

    public override void Write(Utf8JsonWriter writer, TRecord value2, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value(value2), (JsonTypeInfo<TValue>)TestJson.Default.GetTypeInfo(typeof(TValue))!);
}

[JsonConverter(typeof(Converter))]
public sealed record TestUserCount(long Count) : IKrytenEvent<TestUserCount>
{
    public static string CytubeEventName => "usercount";
    public static JsonTypeInfo<TestUserCount> JsonTypeInfo => TestJson.Default.TestUserCount;
    public static TestUserCount ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
    public sealed class Converter() : BareConverter<TestUserCount, long>(JsonTokenType.Number, v => new(v), r => r.Count);
}

[JsonConverter(typeof(Converter))]
public sealed record TestSetCurrent(long Uid) : IKrytenEvent<TestSetCurrent>
{
    public static string CytubeEventName => "setCurrent";
    public static JsonTypeInfo<TestSetCurrent> JsonTypeInfo => TestJson.Default.TestSetCurrent;
    public static TestSetCurrent ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
    public sealed class Converter() : BareConverter<TestSetCurrent, long>(JsonTokenType.Number, v => new(v), r => r.Uid);
}

[JsonConverter(typeof(Converter))]
public sealed record TestSetLeader(string Name) : IKrytenEvent<TestSetLeader>
{
    public static string CytubeEventName => "setLeader";
    public static JsonTypeInfo<TestSetLeader> JsonTypeInfo => TestJson.Default.TestSetLeader;
    public static TestSetLeader ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
    public sealed class Converter() : BareConverter<TestSetLeader, string>(JsonTokenType.String, v => new(v), r => r.Name);
}

[JsonConverter(typeof(Converter))]
public sealed record TestPlaylistLocked(bool Locked) : IKrytenEvent<TestPlaylistLocked>
{
    public static string CytubeEventName => "setPlaylistLocked";
    public static JsonTypeInfo<TestPlaylistLocked> JsonTypeInfo => TestJson.Default.TestPlaylistLocked;
    public static TestPlaylistLocked ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
    public sealed class Converter() : BareConverter<TestPlaylistLocked, bool>(JsonTokenType.True, v => new(v), r => r.Locked);
}

[JsonConverter(typeof(Converter))]
public sealed record TestPlaylist(JsonElement[] Items) : IKrytenEvent<TestPlaylist>
{
    public static string CytubeEventName => "playlist";
    public static JsonTypeInfo<TestPlaylist> JsonTypeInfo => TestJson.Default.TestPlaylist;
    public static TestPlaylist ReadJson(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, JsonTypeInfo) ?? throw new JsonException("null");
    public sealed class Converter() : BareConverter<TestPlaylist, JsonElement[]>(JsonTokenType.StartArray, v => new(v), r => r.Items);
}

// Like the generated readers, a repeated key (which CyTube never sends) makes the payload malformed.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TestChat))]
[JsonSerializable(typeof(TestUserLeave))]
[JsonSerializable(typeof(TestAddUser))]
[JsonSerializable(typeof(TestDelete))]
[JsonSerializable(typeof(TestChangeMedia))]
[JsonSerializable(typeof(TestMediaUpdate))]
[JsonSerializable(typeof(TestQueue))]
[JsonSerializable(typeof(TestUserCount))]
[JsonSerializable(typeof(TestSetCurrent))]
[JsonSerializable(typeof(TestSetLeader))]
[JsonSerializable(typeof(TestPlaylistLocked))]
[JsonSerializable(typeof(TestPlaylist))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(AddVideoReply))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class TestJson : JsonSerializerContext;

public sealed record AddVideoReply(bool Success, long? Uid);

/// <summary>Writes a vector's argument object verbatim (what a generated args class does).</summary>
public sealed class JsonArgs(JsonElement args) : IKrytenCommandArgs
{
    public void WriteProperties(Utf8JsonWriter writer)
    {
        foreach (var property in args.EnumerateObject()) property.WriteTo(writer);
    }
}

/// <summary>Chat arguments as the generator emits them for an argument marked <c>chatText: true</c>.</summary>
public sealed class SayArgs(string message) : IKrytenChatArgs
{
    public string ChatText => message;

    public IKrytenChatArgs WithChatText(string text) => new SayArgs(text);

    public void WriteProperties(Utf8JsonWriter writer) => writer.WriteString("message", message);
}

public sealed class PmArgs(string to, string msg) : IKrytenChatArgs
{
    public string ChatText => msg;

    public IKrytenChatArgs WithChatText(string text) => new PmArgs(to, text);

    public void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("to", to);
        writer.WriteString("msg", msg);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Records every command it is asked to send; answers waiting sends with a fixed reply <c>data</c>.</summary>
internal sealed class RecordingCommandSender(string replyData = "{\"success\": true}") : IKrytenCommandSender
{
    public List<KrytenCommand> Sent { get; } = [];

    public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default)
    {
        Sent.Add(command);
        return ValueTask.FromResult($"id-{Sent.Count}");
    }

    public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Sent.Add(command);
        return ValueTask.FromResult(JsonSerializer.Deserialize(replyData, replyType)!);
    }

    /// <summary>The args object of a recorded command, as the bridge would read it.</summary>
    public static string ArgsJson(KrytenCommand command)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            command.Args?.WriteProperties(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

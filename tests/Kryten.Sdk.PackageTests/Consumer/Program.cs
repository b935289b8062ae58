using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk;
using MyBot;

IKrytenHandlerSet handlers = new GreeterBot();
foreach (var h in handlers.KrytenHandlers)
{
    Console.WriteLine($"handler {h.Index} {h.Name} event={h.EventName ?? "*"} raw={h.IsRaw} channel={h.Channel ?? "*"}");
}

var sender = new RecordingSender();
var greeting = Parse<Greeting>("""{"text":"hello"}""");
var context = new EventContext("greeting", "lobby", "cytu.be", "kryten.events.cytube.lobby.greeting", DateTimeOffset.UnixEpoch, "c1", sender);
await handlers.InvokeKrytenHandlerAsync(0, greeting, context, CancellationToken.None);

try
{
    await sender.GreetAsync("");
}
catch (KrytenValidationException e)
{
    Console.WriteLine($"validation {e.ParameterName}");
}

static T Parse<T>(string json) where T : class, IKrytenEvent<T> => JsonSerializer.Deserialize(json, T.JsonTypeInfo)!;

sealed class RecordingSender : IKrytenCommandSender
{
    public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            command.Args?.WriteProperties(writer);
            writer.WriteEndObject();
        }

        Console.WriteLine($"command {command.Name} {Encoding.UTF8.GetString(buffer.ToArray())}");
        return ValueTask.FromResult("correlation-1");
    }

    public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(
        KrytenCommand command, JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the package test sends fire-and-forget commands only");
}

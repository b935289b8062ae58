using System.CommandLine;
using System.Text;
using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten kv ls | get BUCKET [KEY] | watch BUCKET [KEY]</c>: the JetStream key-value buckets (the bridge keeps each
/// channel's state in <c>kryten_{channel}_*</c>). Values are printed as text; with <c>--json</c> one
/// <c>{"bucket", "key", "revision", "operation", "value"}</c> per entry, the value as JSON when it is JSON.
/// </summary>
internal static class KvCommand
{
    public static Command Create(CliSettings settings)
    {
        var kv = new Command("kv", "List, read and watch JetStream key-value buckets");

        var ls = settings.AddTo(new Command("ls", "List the buckets"));
        CliAction.Set(ls, settings, needChannel: false, async (options, output, parse, cancellationToken) =>
        {
            await using var connection = await CliNats.ConnectAsync(options).ConfigureAwait(false);
            var context = new NatsKVContext(new NatsJSContext(connection));
            await foreach (var name in context.GetBucketNamesAsync(cancellationToken).ConfigureAwait(false))
            {
                output.Line(name, json => json.WriteStringValue(name));
            }

            return CliExit.Ok;
        });

        var bucket = new Argument<string>("bucket") { Description = "The bucket" };
        var key = new Argument<string?>("key") { Description = "One key (default: every key)", Arity = ArgumentArity.ZeroOrOne };
        var get = settings.AddTo(new Command("get", "Print a bucket's current values") { bucket, key });
        CliAction.Set(get, settings, needChannel: false, async (options, output, parse, cancellationToken) =>
        {
            await using var connection = await CliNats.ConnectAsync(options).ConfigureAwait(false);
            var name = parse.GetValue(bucket)!;
            var store = await new NatsKVContext(new NatsJSContext(connection)).GetStoreAsync(name, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(key) is { } one)
            {
                Write(output, name, await store.GetEntryAsync<byte[]>(one, cancellationToken: cancellationToken).ConfigureAwait(false));
                return CliExit.Ok;
            }

            await foreach (var each in store.GetKeysAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                Write(output, name, await store.GetEntryAsync<byte[]>(each, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            return CliExit.Ok;
        });

        var watchBucket = new Argument<string>("bucket") { Description = "The bucket" };
        var watchKey = new Argument<string?>("key") { Description = "One key or a pattern (default: every key)", Arity = ArgumentArity.ZeroOrOne };
        var watch = settings.AddTo(new Command("watch", "Print a bucket's values, then every change (Ctrl+C to stop)") { watchBucket, watchKey });
        CliAction.Set(watch, settings, needChannel: false, async (options, output, parse, cancellationToken) =>
        {
            await using var connection = await CliNats.ConnectAsync(options).ConfigureAwait(false);
            var name = parse.GetValue(watchBucket)!;
            var store = await new NatsKVContext(new NatsJSContext(connection)).GetStoreAsync(name, cancellationToken).ConfigureAwait(false);
            await foreach (var entry in store.WatchAsync<byte[]>(parse.GetValue(watchKey) ?? ">", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                Write(output, name, entry);
            }

            return CliExit.Ok;
        });

        kv.Subcommands.Add(ls);
        kv.Subcommands.Add(get);
        kv.Subcommands.Add(watch);
        return kv;
    }

    private static void Write(CliOutput output, string bucket, NatsKVEntry<byte[]> entry)
    {
        var text = entry.Value is null ? string.Empty : Encoding.UTF8.GetString(entry.Value);
        var deleted = entry.Operation != NatsKVOperation.Put;
        output.Line(
            $"{output.Paint(entry.Key, ConsoleColor.Cyan)} {output.Paint($"rev {entry.Revision}", ConsoleColor.DarkGray)}{(deleted ? output.Paint(" " + entry.Operation.ToString().ToLowerInvariant(), ConsoleColor.Red) : string.Empty)} {text}",
            json =>
            {
                json.WriteStartObject();
                json.WriteString("bucket", bucket);
                json.WriteString("key", entry.Key);
                json.WriteNumber("revision", entry.Revision);
                json.WriteString("operation", entry.Operation.ToString().ToLowerInvariant());
                json.WritePropertyName("value");
                WriteValue(json, entry.Value, text);
                json.WriteEndObject();
            });
    }

    private static void WriteValue(Utf8JsonWriter json, byte[]? value, string text)
    {
        if (value is null || value.Length == 0)
        {
            json.WriteNullValue();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(text);
        }
    }
}

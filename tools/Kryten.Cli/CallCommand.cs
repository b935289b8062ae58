using System.CommandLine;
using System.Text.Json;
using NATS.Client.Core;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten call SERVICE COMMAND [--arg key=value ...]</c>: one raw request to a Kryten service with the services
/// envelope (services contract §1): <c>{"service", "command", ...arguments flat}</c> on <c>kryten.{service}.command</c>.
/// A value that is JSON (<c>5</c>, <c>true</c>, <c>["a"]</c>) is sent as such, anything else as a string. Prints the
/// reply's <c>data</c>; a reply without <c>success: true</c> is a failure with its <c>error</c>.
/// </summary>
internal static class CallCommand
{
    // The services' request subject (services contract §2.1, §3.1); the envelope keys are §1.2's.
    private const string SubjectFormat = "kryten.{0}.command";

    public static Command Create(CliSettings settings)
    {
        var service = new Argument<string>("service") { Description = "The service, e.g. moderator or userstats" };
        var name = new Argument<string>("command") { Description = "The service's command, e.g. system.ping" };
        var args = new Option<string[]>("--arg", "-a") { Description = "An argument key=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = settings.AddTo(new Command("call", "Send a request to a Kryten service and print its reply") { service, name, args });
        CliAction.Set(command, settings, needChannel: false, async (options, output, parse, cancellationToken) =>
        {
            var target = parse.GetValue(service)!;
            var body = Request(target, parse.GetValue(name)!, parse.GetValue(args) ?? []);
            await using var connection = await CliNats.ConnectAsync(options).ConfigureAwait(false);
            var subject = string.Format(System.Globalization.CultureInfo.InvariantCulture, SubjectFormat, target);
            NatsMsg<byte[]> reply;
            try
            {
                reply = await connection.RequestAsync<byte[], byte[]>(
                    subject, body, replyOpts: new NatsSubOpts { Timeout = options.CommandTimeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
                reply.EnsureSuccess();
            }
            catch (NatsNoRespondersException)
            {
                throw new CliFailure(CliExit.Unavailable, $"no {target} service answers on {subject}");
            }
            using var document = Parse(reply.Data);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True)
            {
                output.Value(root.TryGetProperty("data", out var data) ? data : default);
                return CliExit.Ok;
            }

            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var text) ? text.ToString() : root.GetRawText();
            throw new CliFailure(CliExit.Refused, $"{target} refused: {error}");
        });
        return command;
    }

    private static byte[] Request(string service, string command, string[] args)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("service", service);
            writer.WriteString("command", command);
            foreach (var arg in args)
            {
                var split = arg.IndexOf('=', StringComparison.Ordinal);
                if (split <= 0)
                {
                    throw new Kryten.Sdk.KrytenValidationException("arg", "pattern", $"--arg '{arg}' must be key=value");
                }

                writer.WritePropertyName(arg[..split]);
                WriteValue(writer, arg[(split + 1)..]);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string value)
    {
        try
        {
            using var json = JsonDocument.Parse(value);
            json.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(value);
        }
    }

    private static JsonDocument Parse(byte[]? data)
    {
        try
        {
            return JsonDocument.Parse(data ?? []);
        }
        catch (JsonException)
        {
            throw new CliFailure(CliExit.Refused, "the reply is not JSON");
        }
    }
}

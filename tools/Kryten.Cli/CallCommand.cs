using System.CommandLine;
using System.Text.Json;
using Kryten.Sdk;
using NATS.Client.Core;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten call SERVICE COMMAND [--arg key=value ...]</c>: one request to a Kryten service on
/// <c>kryten.{service}.command</c>. For a service whose contract the SDK ships (<see cref="ServiceContracts"/>) the call
/// goes through its generated client: the command must be the contract's, the arguments its (by parameter or JSON name),
/// read as their types and checked by its rules before anything is sent (exit 2 otherwise). Any other service gets a raw
/// request with the services envelope (services contract §1): <c>{"service", "command", ...arguments flat}</c>, where a
/// value that is JSON (<c>5</c>, <c>true</c>, <c>["a"]</c>) is sent as such, anything else as a string. Prints the
/// reply's <c>data</c>; a reply without <c>success: true</c> is a failure with its <c>error</c> (exit 1).
/// </summary>
internal static class CallCommand
{
    public static Command Create(CliSettings settings)
    {
        var service = new Argument<string>("service") { Description = "The service, e.g. moderator or userstats" };
        var name = new Argument<string>("command") { Description = "The service's command, e.g. system.ping" };
        var args = new Option<string[]>("--arg", "-a") { Description = "An argument key=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = settings.AddTo(new Command("call", "Send a request to a Kryten service and print its reply") { service, name, args });
        CliAction.Set(command, settings, needChannel: false, async (options, output, parse, cancellationToken) =>
        {
            var target = parse.GetValue(service)!;
            if (ServiceContracts.Find(target) is { } contract)
            {
                return await CallContractAsync(options, output, target, contract, parse.GetValue(name)!, parse.GetValue(args) ?? [], cancellationToken).ConfigureAwait(false);
            }

            var body = Request(target, parse.GetValue(name)!, parse.GetValue(args) ?? []);
            await using var connection = await CliNats.ConnectAsync(options).ConfigureAwait(false);
            // The subject from the schema's wire literals (KrytenWire), the one place the services' subject is spelled.
            var subject = KrytenServiceHost.SubjectOf(target);
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

    private static async Task<int> CallContractAsync(KrytenOptions options, CliOutput output, string service,
        IReadOnlyList<KrytenServiceCommandInfo> contract, string command, string[] args, CancellationToken cancellationToken)
    {
        var info = contract.FirstOrDefault(c => c.Command == command)
            ?? throw new KrytenValidationException("command", "contract", $"{service} has no command '{command}'; its commands: {string.Join(", ", contract.Select(c => c.Command))}");
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in args.Select(KeyValue))
        {
            var parameter = info.Parameters.FirstOrDefault(p => p.Name == key || p.JsonName == key)
                ?? throw new KrytenValidationException(key, "contract", $"{service} {command} has no argument '{key}'; its arguments: {Describe(info)}");
            if (!values.TryGetValue(parameter.Name, out var list)) values[parameter.Name] = list = [];
            list.Add(value);
        }

        await using var client = new KrytenClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var arguments = new KrytenCommandArguments(values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value, StringComparer.Ordinal));
            output.Value(await info.InvokeAsync(client, arguments, timeout: null, cancellationToken).ConfigureAwait(false));
            return CliExit.Ok;
        }
        catch (KrytenServiceException e)
        {
            throw new CliFailure(CliExit.Refused, $"{service} refused: {e.ServiceError}");
        }
        catch (KrytenNoRespondersException)
        {
            throw new CliFailure(CliExit.Unavailable, $"no {service} service answers on {KrytenServiceHost.SubjectOf(service)}");
        }
    }

    private static string Describe(KrytenServiceCommandInfo info) => info.Parameters.Count == 0
        ? "none"
        : string.Join(", ", info.Parameters.Select(p => p.Required ? p.JsonName : p.JsonName + "?"));

    private static (string Key, string Value) KeyValue(string arg)
    {
        var split = arg.IndexOf('=', StringComparison.Ordinal);
        return split <= 0
            ? throw new KrytenValidationException("arg", "pattern", $"--arg '{arg}' must be key=value")
            : (arg[..split], arg[(split + 1)..]);
    }

    private static byte[] Request(string service, string command, string[] args)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("service", service);
            writer.WriteString("command", command);
            foreach (var (key, value) in args.Select(KeyValue))
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
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

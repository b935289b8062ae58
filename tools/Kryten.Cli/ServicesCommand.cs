using System.CommandLine;
using System.Text.Json;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten services</c>: the bridge's service registry (<c>system.services</c>: every service that announced itself on
/// <c>kryten.lifecycle.*</c>), one line per service, or the typed reply with <c>--json</c>.
/// </summary>
internal static class ServicesCommand
{
    public static Command Create(CliSettings settings)
    {
        var command = settings.AddTo(new Command("services", "List the services in the bridge's registry"));
        CliAction.Set(command, settings, needChannel: true, async (options, output, parse, cancellationToken) =>
        {
            await using var client = new KrytenClient(options);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var reply = await client.GetServicesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Value(reply, KrytenJsonContext.Default.ServicesReply);
                return CliExit.Ok;
            }

            foreach (var service in reply.Services)
            {
                var stale = Text(service, "is_stale") == "true" ? output.Paint(" stale", ConsoleColor.Red) : string.Empty;
                output.Out.WriteLine($"{output.Paint(Text(service, "name") ?? "?", ConsoleColor.Cyan)} {Text(service, "version")} {Text(service, "hostname")}{stale}");
            }

            output.Out.WriteLine($"{reply.Count} service(s), {reply.ActiveCount} active");
            return CliExit.Ok;
        });
        return command;
    }

    private static string? Text(JsonElement service, string key) =>
        service.ValueKind == JsonValueKind.Object && service.TryGetProperty(key, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}

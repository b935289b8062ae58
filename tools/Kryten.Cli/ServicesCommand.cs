using System.CommandLine;
using System.Text.Json;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten services</c>: the bridge's service registry (<c>system.services</c>: what announced itself since the bridge
/// started, with heartbeats and staleness) and a discovery poll (<see cref="KrytenClient.DiscoverServicesAsync"/>: who
/// answers now). People get one line per service; <c>--json</c> gets <c>{"registry": …, "discovered": […]}</c>.
/// </summary>
internal static class ServicesCommand
{
    public static Command Create(CliSettings settings)
    {
        var window = new Option<double>("--window") { Description = "Seconds to collect discovery answers", DefaultValueFactory = _ => 2 };
        var command = settings.AddTo(new Command("services", "List the services in the bridge's registry and the ones that answer a discovery poll") { window });
        CliAction.Set(command, settings, needChannel: true, async (options, output, parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(window);
            if (!(seconds > 0))
            {
                throw new KrytenConfigurationException(["--window must be greater than 0"]);
            }

            await using var client = new KrytenClient(options);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var poll = client.DiscoverServicesAsync(TimeSpan.FromSeconds(seconds), cancellationToken);
            var registry = await client.GetServicesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var discovered = await poll.ConfigureAwait(false);
            if (output.Json)
            {
                output.Line(string.Empty, json =>
                {
                    json.WriteStartObject();
                    json.WritePropertyName("registry");
                    JsonSerializer.Serialize(json, registry, KrytenJsonContext.Default.ServicesReply);
                    json.WriteStartArray("discovered");
                    foreach (var service in discovered)
                    {
                        JsonSerializer.Serialize(json, service, KrytenJsonContext.Default.ServiceAnnouncement);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return CliExit.Ok;
            }

            output.Out.WriteLine($"registry: {registry.Count} service(s), {registry.ActiveCount} active");
            foreach (var service in registry.Services)
            {
                var stale = service.IsStale ? output.Paint(" stale", ConsoleColor.Red) : string.Empty;
                output.Out.WriteLine($"  {output.Paint(service.Name, ConsoleColor.Cyan)} {service.Version} {service.Hostname}{stale}");
            }

            output.Out.WriteLine($"discovery poll: {discovered.Count} answered within {seconds:0.#} s");
            foreach (var service in discovered.OrderBy(s => s.Service, StringComparer.Ordinal))
            {
                output.Out.WriteLine($"  {output.Paint(service.Service, ConsoleColor.Cyan)} {service.Version} {service.Hostname}");
            }

            return CliExit.Ok;
        });
        return command;
    }
}

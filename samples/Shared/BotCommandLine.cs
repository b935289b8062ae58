using System.CommandLine;
using Kryten.Sdk;

namespace Kryten.Samples;

/// <summary>
/// The command line the sample bots share: <c>--nats</c>, <c>--domain</c>, <c>--channel</c> (repeatable) and
/// <c>--config</c> (a Kryten JSON or YAML file; flags given on the command line override it), and for a bot with a
/// service identity <c>--service-name</c>. SIGINT/SIGTERM cancel the token handed to the bot, which then stops its
/// client cleanly.
/// </summary>
internal static class BotCommandLine
{
    // Long enough for KrytenClient.StopAsync to drain handlers and the chat queue before the process is cut off.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(15);

    /// <param name="serviceName">
    /// A bot that is a service in the Kryten lifecycle (announces itself, heartbeats, appears in the bridge's
    /// <c>system.services</c>) gives its default name here and gets <c>--service-name</c>; a file's <c>service.name</c>
    /// comes before the default, the flag before both.
    /// </param>
    public static Task<int> InvokeAsync(string[] args, string description, Func<KrytenOptions, CancellationToken, Task> runBot, string? serviceName = null)
    {
        var nats = new Option<string?>("--nats") { Description = "NATS server URL (default nats://127.0.0.1:4222)" };
        var domain = new Option<string?>("--domain") { Description = "CyTube domain of the channels (default cytu.be)" };
        var channels = new Option<string[]>("--channel") { Description = "CyTube channel, as the bridge is configured (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string?>("--config") { Description = "Kryten configuration file (.json, .yaml or .yml)" };
        var service = new Option<string?>("--service-name") { Description = $"Service name announced in the Kryten lifecycle (default {serviceName})" };
        var root = new RootCommand(description) { nats, domain, channels, config };
        if (serviceName is not null) root.Add(service);

        root.SetAction(async (parse, cancellationToken) =>
        {
            KrytenOptions options;
            try
            {
                options = Build(parse.GetValue(config), parse.GetValue(nats), parse.GetValue(domain), parse.GetValue(channels) ?? []);
                if (serviceName is not null)
                {
                    options.Service ??= new KrytenServiceOptions();
                    options.Service.Name = parse.GetValue(service) ?? options.Service.Name ?? serviceName;
                }
            }
            catch (Exception e) when (e is KrytenConfigurationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            try
            {
                await runBot(options, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (KrytenException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });
    }

    private static KrytenOptions Build(string? configFile, string? natsUrl, string? domain, string[] channels)
    {
        var options = configFile is null ? new KrytenOptions() : KrytenOptionsLoader.FromFile(configFile);
        if (natsUrl is not null) options.Nats.Servers = [natsUrl];
        if (channels.Length > 0)
        {
            options.Channels = channels.Select(c => new KrytenChannelOptions { Channel = c, Domain = domain ?? "cytu.be" }).ToList();
        }
        else if (domain is not null)
        {
            foreach (var channel in options.Channels) channel.Domain = domain;
        }
        if (options.Channels.Count == 0)
            throw new KrytenConfigurationException(["channels: at least one --channel (or channels in --config) is needed"]);
        return options;
    }
}

using System.CommandLine;
using Kryten.Sdk;

namespace Kryten.Cli;

/// <summary>
/// The options every <c>kryten</c> command shares, and the <see cref="KrytenOptions"/> they make. A Kryten
/// configuration file (the one a bot uses, read by the SDK's own <see cref="KrytenOptionsLoader"/>) is the base;
/// environment variables and then flags override it: <c>--config</c>/<c>KRYTEN_CONFIG</c>, <c>--nats</c>/<c>KRYTEN_NATS_URL</c>,
/// <c>--channel</c>/<c>KRYTEN_CHANNEL</c>, <c>--domain</c>/<c>KRYTEN_DOMAIN</c>.
/// </summary>
internal sealed class CliSettings
{
    public Option<string?> Config { get; } = (new Option<string?>("--config") { Description = "Kryten configuration file (.yaml, .yml or .json) [env KRYTEN_CONFIG]" });

    public Option<string?> Nats { get; } = (new Option<string?>("--nats") { Description = "NATS server URL (default nats://127.0.0.1:4222) [env KRYTEN_NATS_URL]" });

    public Option<string[]> Channel { get; } = (new Option<string[]>("--channel", "-c")
    {
        Description = "CyTube channel, as the bridge is configured (repeatable for tail) [env KRYTEN_CHANNEL]",
        Arity = ArgumentArity.ZeroOrMore,
    });

    public Option<string?> Domain { get; } = (new Option<string?>("--domain") { Description = "CyTube domain of the channel (default cytu.be) [env KRYTEN_DOMAIN]" });

    public Option<bool> Json { get; } = (new Option<bool>("--json") { Description = "One JSON document per line, for scripts" });

    public Option<double?> Timeout { get; } = (new Option<double?>("--timeout") { Description = "Seconds to wait for a reply (default: the configuration's command timeout, 10)" });

    /// <summary>Adds the shared options to a command (each command has its own, so <c>kryten simulate</c> keeps the simulator's).</summary>
    public T AddTo<T>(T command)
        where T : Command
    {
        foreach (var option in new Option[] { Config, Nats, Channel, Domain, Json, Timeout })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>The options of this invocation; <paramref name="needChannel"/> asks for at least one channel.</summary>
    /// <exception cref="KrytenConfigurationException">The file is invalid, or a channel is needed and none is given.</exception>
    public KrytenOptions Read(ParseResult parse, bool needChannel)
    {
        var file = parse.GetValue(Config) ?? Env("KRYTEN_CONFIG");
        var options = file is null ? new KrytenOptions() : KrytenOptionsLoader.FromFile(file);
        options.ServiceName = "kryten-cli";
        if ((parse.GetValue(Nats) ?? Env("KRYTEN_NATS_URL")) is { } url)
        {
            options.Nats.Servers = [url];
        }

        var domain = parse.GetValue(Domain) ?? Env("KRYTEN_DOMAIN");
        var channels = parse.GetValue(Channel) is { Length: > 0 } given ? given : Env("KRYTEN_CHANNEL") is { } one ? [one] : [];
        if (channels.Length > 0)
        {
            options.Channels = channels.Select(c => new KrytenChannelOptions { Channel = c, Domain = domain ?? "cytu.be" }).ToList();
        }
        else if (domain is not null)
        {
            foreach (var channel in options.Channels)
            {
                channel.Domain = domain;
            }
        }

        if (parse.GetValue(Timeout) is { } seconds)
        {
            options.CommandTimeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new KrytenConfigurationException(["--timeout must be greater than 0"]);
        }

        if (needChannel && options.Channels.Count == 0)
        {
            throw new KrytenConfigurationException(["a channel is needed: --channel NAME, KRYTEN_CHANNEL, or channels in --config"]);
        }

        return options;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

using System.CommandLine;

namespace Kryten.BridgeSimulator;

/// <summary>
/// The simulator's command line, shared by its own program and <c>kryten simulate</c>: the same options, defaults
/// and exit codes in both.
/// </summary>
public static class SimulatorCommand
{
    private const string Description = "Kryten bridge simulator: replays a recorded CyTube session over NATS and answers robot commands.";

    /// <summary>The simulator as the root command of its own program.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand CreateRoot() => Configure(new RootCommand(Description));

    /// <summary>The simulator as a subcommand named <paramref name="name"/>.</summary>
    /// <param name="name">The subcommand's name.</param>
    /// <returns>The command.</returns>
    public static Command Create(string name) => Configure(new Command(name, Description));

    private static T Configure<T>(T command)
        where T : Command
    {
        var nats = new Option<string>("--nats") { Description = "NATS server URL", DefaultValueFactory = _ => "nats://127.0.0.1:4222" };
        var domain = new Option<string>("--domain") { Description = "CyTube domain the bridge is configured with", DefaultValueFactory = _ => "cytu.be" };
        var channel = new Option<string>("--channel") { Description = "CyTube channel the bridge is configured with", DefaultValueFactory = _ => "420Grindhouse" };
        var botName = new Option<string>("--bot-name") { Description = "The bridge's CyTube user (author of echoed chat)", DefaultValueFactory = _ => "KrytenBot" };
        var session = new Option<string>("--session")
        {
            Description = "Recorded session, JSON lines of {after_ms, event, payload}",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "Data", "session.jsonl"),
        };
        var speed = new Option<double>("--speed") { Description = "Replay speed factor (2 = twice as fast)", DefaultValueFactory = _ => 1.0 };
        var loop = new Option<bool>("--loop") { Description = "Replay the session again and again" };
        var linger = new Option<double?>("--linger") { Description = "Exit this many seconds after the last event (default: run until stopped)" };
        foreach (var option in new Option[] { nats, domain, channel, botName, session, speed, loop, linger })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var rate = parse.GetValue(speed);
            if (!(rate > 0))
            {
                Console.Error.WriteLine("--speed must be greater than 0");
                return 2;
            }

            var settings = new BridgeSettings(
                parse.GetValue(nats)!, parse.GetValue(domain)!, parse.GetValue(channel)!, parse.GetValue(botName)!,
                parse.GetValue(session)!, rate, parse.GetValue(loop),
                parse.GetValue(linger) is double seconds ? TimeSpan.FromSeconds(seconds) : null);
            await new SimulatedBridge(settings, Console.Out).RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

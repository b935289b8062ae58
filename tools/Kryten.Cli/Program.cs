using System.CommandLine;
using Kryten.BridgeSimulator;
using Kryten.Cli;

var settings = new CliSettings();
var root = new RootCommand("kryten: watch a CyTube channel on the Kryten bridge, send it commands, read its state, call services.");
root.Subcommands.Add(TailCommand.Create(settings));
root.Subcommands.Add(StateCommand.Create(settings));
root.Subcommands.Add(ServicesCommand.Create(settings));
root.Subcommands.Add(CallCommand.Create(settings));
root.Subcommands.Add(KvCommand.Create(settings));
root.Subcommands.Add(SimulatorCommand.Create("simulate"));
foreach (var command in CatalogCommands.Create(settings))
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    // One line and a usage exit code, instead of the parser's help page.
    Console.Error.WriteLine($"kryten: {string.Join("; ", parse.Errors.Select(e => e.Message))} (kryten --help)");
    return CliExit.Usage;
}

return await parse.InvokeAsync().ConfigureAwait(false);

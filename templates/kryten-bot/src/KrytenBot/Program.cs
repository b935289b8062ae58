using KrytenBot;
using Kryten.Sdk;

// kryten.yaml sits beside the executable; ${KRYTEN_NATS_URL} and ${KRYTEN_CHANNEL} override its defaults.
var options = KrytenOptionsLoader.FromFile(Path.Combine(AppContext.BaseDirectory, "kryten.yaml"));
options.HandleShutdownSignals = true;   // Ctrl+C / SIGTERM stop the bot cleanly
await using var client = new KrytenClient(options);
client.AddHandlers(new WelcomeHandlers());
using var commands = client.AddChatCommands(new BotCommands(Random.Shared));   // !ping, !roll [sides], !help
try
{
    await client.ConnectAsync();
}
catch (KrytenException e)
{
    Console.Error.WriteLine($"could not connect: {e.Message}");
    return 1;
}

Console.WriteLine($"KrytenBot connected to {string.Join(", ", options.Nats.Servers)}; channels: {string.Join(", ", options.Channels)}");
await client.RunAsync();
return 0;

using KrytenCounter;
using Kryten.Sdk;

// kryten.yaml sits beside the executable; ${KRYTEN_NATS_URL} overrides its server.
var options = KrytenOptionsLoader.FromFile(Path.Combine(AppContext.BaseDirectory, "kryten.yaml"));
options.HandleShutdownSignals = true;   // Ctrl+C / SIGTERM stop the service cleanly
await using var client = new KrytenClient(options);
try
{
    await client.ConnectAsync();
}
catch (KrytenException e)
{
    Console.Error.WriteLine($"could not connect: {e.Message}");
    return 1;
}

// Serves counter.yaml on kryten.counter.command: a queue group (run several instances), NATS service discovery, and an
// error reply for every bad request.
await using var host = await CounterServiceHost.StartAsync(client, new CounterService());
Console.WriteLine($"KrytenCounter connected to {string.Join(", ", options.Nats.Servers)}; serving counter");
await client.RunAsync();
return 0;

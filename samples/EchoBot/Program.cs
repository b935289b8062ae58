using System.Diagnostics;
using Kryten.Samples;
using Kryten.Samples.EchoBot;
using Kryten.Sdk;

// EchoBot is a service in the Kryten lifecycle (options.Service, set from --service-name, default "echobot"): it
// announces itself when it connects, heartbeats, answers discovery polls, announces itself again when the bridge
// restarts, and publishes its shutdown when it stops, so the bridge's system.services lists it.
return await BotCommandLine.InvokeAsync(args, "Kryten EchoBot: answers !ping, greets joining users, queues media with !queue <url>, answers !seen <name> from the seen service.",
    async (options, cancellationToken) =>
    {
        options.ServiceName = options.Service!.Name!;   // the commands' meta.source names the same service
        await using var client = new KrytenClient(options);
        using var handlers = client.AddHandlers(new EchoHandlers(Console.Out, new SeenClient(client, TimeSpan.FromSeconds(2)), TimeProvider.System));
        client.OnHandlerError = error => Console.Error.WriteLine($"handler {error.Handler} failed on {error.EventName} ({error.CorrelationId}): {error.Exception.Message}");

        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.WriteLine($"EchoBot connected to {string.Join(", ", options.Nats.Servers)} {sinceStart.TotalMilliseconds:0} ms after process start; " +
                          $"channels: {string.Join(", ", options.Channels)}; service: {client.ServiceIdentity!.Name} {client.ServiceIdentity.Version}");
        await client.RunAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine("EchoBot stopped");
    },
    serviceName: "echobot");

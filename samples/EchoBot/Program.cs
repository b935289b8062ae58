using System.Diagnostics;
using Kryten.Samples;
using Kryten.Samples.EchoBot;
using Kryten.Sdk;

return await BotCommandLine.InvokeAsync(args, "Kryten EchoBot: answers !ping, greets joining users, queues media with !queue <url>.",
    async (options, cancellationToken) =>
    {
        options.ServiceName = "echobot";
        await using var client = new KrytenClient(options);
        using var handlers = client.AddHandlers(new EchoHandlers(Console.Out));
        client.OnHandlerError = error => Console.Error.WriteLine($"handler {error.Handler} failed on {error.EventName} ({error.CorrelationId}): {error.Exception.Message}");

        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.WriteLine($"EchoBot connected to {string.Join(", ", options.Nats.Servers)} {sinceStart.TotalMilliseconds:0} ms after process start; " +
                          $"channels: {string.Join(", ", options.Channels)}");
        await client.RunAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine("EchoBot stopped");
    });

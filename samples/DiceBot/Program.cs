using System.Diagnostics;
using Kryten.Samples;
using Kryten.Samples.DiceBot;
using Kryten.Sdk;

return await BotCommandLine.InvokeAsync(args, "Kryten DiceBot: !roll, !8ball, !choose, !skip, !cooldown and !help.",
    async (options, cancellationToken) =>
    {
        options.ServiceName = "dicebot";
        await using var client = new KrytenClient(options);
        using var commands = client.AddChatCommands(new DiceCommands(Random.Shared));
        client.OnHandlerError = error => Console.Error.WriteLine($"handler {error.Handler} failed on {error.EventName} ({error.CorrelationId}): {error.Exception.Message}");

        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.WriteLine($"DiceBot connected to {string.Join(", ", options.Nats.Servers)} {sinceStart.TotalMilliseconds:0} ms after process start; " +
                          $"channels: {string.Join(", ", options.Channels)}");
        await client.RunAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine("DiceBot stopped");
    });

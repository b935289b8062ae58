using Kryten.Samples;
using Kryten.Samples.StateWatch;
using Kryten.Sdk;

return await BotCommandLine.InvokeAsync(args, "Kryten StateWatch: the configured channels' robot state as one JSON line per change on stdout.",
    async (options, cancellationToken) =>
    {
        options.ServiceName = "statewatch";
        await using var client = new KrytenClient(options);
        await using var stdout = Console.OpenStandardOutput();
        var lines = new StateLineWriter(stdout);

        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"StateWatch connected to {string.Join(", ", options.Nats.Servers)}; channels: {string.Join(", ", options.Channels)}");
        var watches = options.Channels.Select(c => StateLineWriter.WatchAsync(client.ChannelState(c.Channel), lines, Console.Error, cancellationToken)).ToArray();
        await client.RunAsync(cancellationToken).ConfigureAwait(false);   // until SIGINT/SIGTERM
        await Task.WhenAll(watches).ConfigureAwait(false);
    });

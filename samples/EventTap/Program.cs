using System.Diagnostics;
using Kryten.Samples;
using Kryten.Samples.EventTap;
using Kryten.Sdk;

return await BotCommandLine.InvokeAsync(args, "Kryten EventTap: every event of the configured channels as one JSON line on stdout.",
    async (options, cancellationToken) =>
    {
        options.ServiceName = "eventtap";
        await using var client = new KrytenClient(options);
        await using var stdout = Console.OpenStandardOutput();
        var lines = new EventLineWriter(stdout);
        // One raw handler for every event; ordered keeps each channel's lines in arrival order.
        using var tap = client.OnRaw((evt, _, _) =>
        {
            lines.Write(evt);
            return Task.CompletedTask;
        }, ordered: true);

        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.Error.WriteLine($"EventTap connected to {string.Join(", ", options.Nats.Servers)} {sinceStart.TotalMilliseconds:0} ms after process start; " +
                                $"channels: {string.Join(", ", options.Channels)}");
        await client.RunAsync(cancellationToken).ConfigureAwait(false);
    });

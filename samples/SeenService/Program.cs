using Kryten.Samples;
using Kryten.Samples.SeenService;
using Kryten.Sdk;

// SeenService: one client both receives the channels' events (recorded in the bucket it owns) and serves seen.get and
// seen.top on kryten.seen.command, in a queue group, so several instances can run side by side.
return await BotCommandLine.InvokeAsync(args, "Kryten SeenService: records when each user was last seen and answers seen.get and seen.top.",
    async (options, cancellationToken) =>
    {
        await using var client = new KrytenClient(options);
        client.OnHandlerError = error => Console.Error.WriteLine($"handler {error.Handler} failed on {error.EventName} ({error.CorrelationId}): {error.Exception.Message}");
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);

        var bucket = await client.OpenBucketAsync(SeenLog.BucketName, KrytenJsonContext.Default.SeenRecord, new KrytenBucketOptions { MaxAge = TimeSpan.FromDays(365) }, cancellationToken).ConfigureAwait(false);
        var seen = new SeenLog(bucket, TimeProvider.System);
        using var handlers = client.AddHandlers(seen);
        await using var host = await SeenServiceHost.StartAsync(client, seen, cancellationToken: cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"SeenService serving kryten.{SeenServiceHost.ServiceName}.command on {string.Join(", ", options.Nats.Servers)}; " +
                          $"bucket {bucket.Name}; channels: {string.Join(", ", options.Channels)}");
        await client.RunAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine("SeenService stopped");
    },
    serviceName: "seen");

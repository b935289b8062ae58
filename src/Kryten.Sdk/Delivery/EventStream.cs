using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Kryten.Sdk.Delivery;

/// <summary>
/// The JetStream stream that captures the bridge's core NATS events for at-least-once delivery. The bridge itself never
/// uses JetStream for events, so the stream is what keeps them while a bot is down. It is created (or given missing
/// subjects) only when <see cref="KrytenDeliveryOptions.CreateStream"/> allows it.
/// </summary>
internal static class EventStream
{
    // JetStream's error code for "stream not found".
    private const int StreamNotFound = 10059;

    public static async Task EnsureAsync(INatsJSContext js, KrytenDeliveryOptions options, IReadOnlyList<string> subjects, ILogger logger, CancellationToken cancellationToken)
    {
        StreamConfig? existing;
        try
        {
            existing = (await js.GetStreamAsync(options.Stream, cancellationToken: cancellationToken).ConfigureAwait(false)).Info.Config;
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == StreamNotFound)
        {
            existing = null;
        }
        catch (Exception e) when (e is NatsJSApiNoResponseException or NatsNoRespondersException)
        {
            throw new KrytenConnectionException("at-least-once delivery needs JetStream, which this NATS server does not offer (enable jetstream in its configuration)", e);
        }

        if (existing is null)
        {
            if (!options.CreateStream)
            {
                throw new KrytenConfigurationException([$"delivery.stream: the JetStream stream '{options.Stream}' does not exist; create it for {string.Join(", ", subjects)}, or set delivery.createStream"]);
            }
            await js.CreateStreamAsync(new StreamConfig(options.Stream, [.. subjects])
            {
                Retention = options.Retention switch
                {
                    KrytenStreamRetention.Interest => StreamConfigRetention.Interest,
                    KrytenStreamRetention.WorkQueue => StreamConfigRetention.Workqueue,
                    _ => StreamConfigRetention.Limits,
                },
                MaxAge = options.MaxAge,
                Storage = options.Storage == KrytenStreamStorage.Memory ? StreamConfigStorage.Memory : StreamConfigStorage.File,
                Description = "Kryten bridge events, captured for at-least-once delivery",
            }, cancellationToken).ConfigureAwait(false);
            Log.StreamCreated(logger, options.Stream, string.Join(", ", subjects));
            return;
        }

        var captured = existing.Subjects ?? [];
        var missing = subjects.Where(s => !captured.Any(c => SubjectPattern.Matches(c, s))).ToList();
        if (missing.Count == 0) return;
        if (!options.CreateStream)
        {
            throw new KrytenConfigurationException([$"delivery.stream: the JetStream stream '{options.Stream}' does not capture {string.Join(", ", missing)}; add the subjects, or set delivery.createStream"]);
        }
        await js.UpdateStreamAsync(existing with { Subjects = [.. captured, .. missing] }, cancellationToken).ConfigureAwait(false);
        Log.StreamCreated(logger, options.Stream, string.Join(", ", missing));
    }
}

using System.Collections.Concurrent;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Kryten.Sdk.Delivery;

/// <summary>
/// At-least-once delivery (<see cref="KrytenDelivery.AtLeastOnce"/>): one durable JetStream consumer per configured
/// channel, whose messages go through the same <see cref="EventDispatcher"/> as core NATS ones. A message is
/// acknowledged once every handler of its event has finished, negatively acknowledged with the configured backoff when
/// one failed, and dead-lettered (logged, counted, terminated) after <see cref="KrytenDeliveryOptions.MaxDeliveries"/>.
/// </summary>
internal sealed class DurableEventConsumer(
    INatsJSContext js, KrytenOptions options, EventDispatcher dispatcher, KrytenMetrics metrics, ILogger logger, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly KrytenDeliveryOptions _delivery = options.Delivery;
    private readonly RecentEvents _recent = new(options.Delivery.DuplicateWindow, time);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _settling = new();
    private readonly List<Task> _loops = [];

    /// <summary>Binds or creates the stream and the consumers, then starts consuming.</summary>
    public async Task StartAsync(IReadOnlyList<ChannelSubscription> channels, CancellationToken cancellationToken)
    {
        await EventStream.EnsureAsync(js, _delivery, channels.Select(c => c.Subject).ToList(), logger, cancellationToken).ConfigureAwait(false);
        foreach (var channel in channels)
        {
            var name = ConsumerName(channel);
            var consumer = await js.CreateOrUpdateConsumerAsync(_delivery.Stream, new ConsumerConfig(name)
            {
                DurableName = name,
                FilterSubject = channel.Subject,
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = _delivery.AckWait,
                MaxDeliver = _delivery.MaxDeliveries,
                // Unacknowledged events a consumer holds at once: enough to keep every handler slot busy, no more.
                MaxAckPending = options.MaxConcurrentHandlers * 2,
                // A new durable starts at the present; an existing one resumes where it left off.
                DeliverPolicy = ConsumerConfigDeliverPolicy.New,
            }, cancellationToken).ConfigureAwait(false);
            Log.DurableConsumerStarted(logger, channel.Subject, _delivery.Stream, name);
            channel.Subscribed = true;
            _loops.Add(Task.Run(() => ConsumeAsync(consumer, channel)));
        }
    }

    // The durable name of a channel's consumer: the configured name plus the channel's subject token, reduced to the
    // characters JetStream allows in a name.
    private string ConsumerName(ChannelSubscription channel)
    {
        var token = KrytenSubjects.Normalize(channel.Channel.Channel);
        var safe = new string(token.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return $"{_delivery.Durable}_{safe}";
    }

    private async Task ConsumeAsync(INatsJSConsumer consumer, ChannelSubscription channel)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var msg in consumer.ConsumeAsync<NatsMemoryOwner<byte>>(cancellationToken: _stopping.Token).ConfigureAwait(false))
                {
                    await DispatchAsync(msg, channel).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The consumer loop survives server restarts by itself; anything else is logged and the loop resumes.
                Log.ConsumeFailed(logger, e, channel.Subject, _delivery.Stream, RetryDelay);
                try
                {
                    await Task.Delay(RetryDelay, time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task DispatchAsync(INatsJSMsg<NatsMemoryOwner<byte>> msg, ChannelSubscription channel)
    {
        var delivery = new EventDelivery(_recent);
        var attempt = msg.Metadata?.NumDelivered ?? 1;
        using (var data = msg.Data)
        {
            await dispatcher.DispatchAsync(new KrytenMessage(msg.Subject, null, data.Memory), channel, delivery, (int)Math.Min(attempt, int.MaxValue)).ConfigureAwait(false);
        }
        var settle = SettleAsync(msg, delivery, attempt);
        _settling.TryAdd(settle, 0);
        _ = settle.ContinueWith(static (t, self) => ((DurableEventConsumer)self!)._settling.TryRemove(t, out _), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SettleAsync(INatsJSMsg<NatsMemoryOwner<byte>> msg, EventDelivery delivery, ulong attempt)
    {
        var succeeded = await delivery.Completion.ConfigureAwait(false);
        try
        {
            if (succeeded)
            {
                await msg.AckAsync().ConfigureAwait(false);
            }
            else if (attempt >= (ulong)_delivery.MaxDeliveries)
            {
                metrics.DeadLettered();
                Log.DeadLettered(logger, msg.Subject, msg.Metadata?.Sequence.Stream ?? 0, attempt);
                await msg.AckTerminateAsync(new AckOpts { TerminateReason = "Kryten handlers failed on every delivery" }).ConfigureAwait(false);
            }
            else
            {
                var backoff = _delivery.Backoff[(int)Math.Min(attempt - 1, (ulong)_delivery.Backoff.Count - 1)];
                await msg.NakAsync(new AckOpts { NakDelay = backoff }).ConfigureAwait(false);
            }
        }
        catch (NatsException e)
        {
            // Unacknowledged, the message comes back after AckWait: nothing is lost, it may be handled twice.
            Log.AcknowledgeFailed(logger, msg.Subject, e.Message);
        }
    }

    /// <summary>Stops taking messages; acknowledgements of events still being handled go out as their handlers finish.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_settling.Keys).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.DrainIncomplete(logger, timeout, "acknowledgements of events still being handled");
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return default;
    }
}

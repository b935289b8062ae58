using System.Text.Json;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using NATS.Client.Core;

namespace Kryten.Benchmarks;

/// <summary>
/// A consumer on its own NATS.Net connection and core subscription, read with the same loop the SDK's transport uses
/// (WaitToReadAsync, then TryRead until empty), so the consumers differ only in what they do per message. NATS.Net's
/// default subscription queue (16,384 messages, drop newest) holds the publisher's window; any drop is counted.
/// </summary>
internal abstract class NatsSubscriptionConsumer<T> : DispatchConsumer
{
    private readonly NatsConnection _connection;
    private INatsSub<T>? _subscription;
    private Task _reading = Task.CompletedTask;
    private long _dropped, _unreadable;

    protected NatsSubscriptionConsumer(string url, string name, string channelToken)
        : base(name, KrytenSubjects.EventSubject(KrytenWire.EventSubjectPrefix, channelToken, ChatMessage.CytubeEventName))
    {
        _connection = new NatsConnection(new NatsOpts { Url = url, Name = "bench-" + channelToken });
        _connection.MessageDropped += (_, _) =>
        {
            Interlocked.Increment(ref _dropped);
            return default;
        };
    }

    protected async Task StartAsync(string subscribeTo, INatsDeserialize<T> deserializer)
    {
        await _connection.ConnectAsync().ConfigureAwait(false);
        _subscription = await _connection.SubscribeCoreAsync(subscribeTo, serializer: deserializer).ConfigureAwait(false);
        var messages = _subscription.Msgs;
        _reading = Task.Run(async () =>
        {
            while (await messages.WaitToReadAsync().ConfigureAwait(false))
            {
                while (messages.TryRead(out var msg))
                {
                    if (!Handle(msg)) Interlocked.Increment(ref _unreadable);
                    Count();
                }
            }
        });
    }

    /// <summary>Does what this consumer does with one message; false when the message could not be read.</summary>
    protected abstract bool Handle(in NatsMsg<T> msg);

    public override string? Problems()
    {
        var (dropped, unreadable) = (Interlocked.Read(ref _dropped), Interlocked.Read(ref _unreadable));
        return dropped + unreadable == 0 ? null : $"{dropped:N0} dropped, {unreadable:N0} unreadable";
    }

    public override async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync().ConfigureAwait(false);
            await _reading.ConfigureAwait(false);
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>(i) The baseline: raw bytes, copied by NATS.Net into a pooled buffer (as the SDK's transport receives them), disposed.</summary>
internal sealed class RawBytesConsumer : NatsSubscriptionConsumer<NatsMemoryOwner<byte>>
{
    private RawBytesConsumer(string url) : base(url, "raw NATS.Net bytes", "raw")
    {
    }

    public static async Task<RawBytesConsumer> StartAsync(string url)
    {
        var consumer = new RawBytesConsumer(url);
        await consumer.StartAsync(consumer.Subject, NatsRawSerializer<NatsMemoryOwner<byte>>.Default).ConfigureAwait(false);
        return consumer;
    }

    protected override bool Handle(in NatsMsg<NatsMemoryOwner<byte>> msg)
    {
        msg.Data.Dispose();
        return true;
    }
}

/// <summary>
/// (ii) What a user writes by hand for chat: a subscription to the chatMsg subject whose messages NATS.Net reads with
/// <see cref="NatsJsonContextSerializer{T}"/> straight into <c>BridgeEnvelope&lt;ChatLine&gt;</c> (one pass, in place).
/// </summary>
internal sealed class HandWrittenConsumer : NatsSubscriptionConsumer<BridgeEnvelope<ChatLine>>
{
    private HandWrittenConsumer(string url) : base(url, "hand-written STJ, one record type", "hand")
    {
    }

    public static async Task<HandWrittenConsumer> StartAsync(string url)
    {
        var consumer = new HandWrittenConsumer(url);
        await consumer.StartAsync(consumer.Subject, new NatsJsonContextSerializer<BridgeEnvelope<ChatLine>>(HandWrittenJson.Default)).ConfigureAwait(false);
        return consumer;
    }

    protected override bool Handle(in NatsMsg<BridgeEnvelope<ChatLine>> msg) => msg.Error is null && msg.Data is not null;
}

/// <summary>
/// (ii-b) The same user handling every event of a channel, as the SDK does: the channel's wildcard subject, the
/// envelope read with its payload as a <see cref="JsonElement"/>, then routed on <c>event_name</c> and the payload
/// read into its record.
/// </summary>
internal sealed class HandWrittenRoutingConsumer : NatsSubscriptionConsumer<BridgeEnvelope<JsonElement>>
{
    private HandWrittenRoutingConsumer(string url) : base(url, "hand-written STJ, routed on event_name", "handrouted")
    {
    }

    public static async Task<HandWrittenRoutingConsumer> StartAsync(string url)
    {
        var consumer = new HandWrittenRoutingConsumer(url);
        await consumer.StartAsync($"{KrytenWire.EventSubjectPrefix}.handrouted.>", new NatsJsonContextSerializer<BridgeEnvelope<JsonElement>>(HandWrittenJson.Default))
            .ConfigureAwait(false);
        return consumer;
    }

    protected override bool Handle(in NatsMsg<BridgeEnvelope<JsonElement>> msg)
    {
        if (msg.Error is not null || msg.Data is not { } envelope) return false;
        return envelope.EventName != ChatMessage.CytubeEventName || envelope.Payload.Deserialize(HandWrittenJson.Default.ChatLine) is not null;
    }
}

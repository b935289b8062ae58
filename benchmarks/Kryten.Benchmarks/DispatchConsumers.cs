using System.Text.Json;
using Kryten.Nats;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Benchmarks;

/// <summary>
/// One consumer of the dispatch benchmark, connected once and kept for the whole run, as a bot is: rounds only change
/// which consumer's subject the envelopes are published to. <see cref="Consumed"/> counts every message it finished.
/// </summary>
internal abstract class DispatchConsumer : IAsyncDisposable
{
    // The consumer wakes the waiting publisher every SignalEvery messages; cheaper than polling, and exact.
    private const int SignalEvery = 256;

    private long _consumed;

    protected DispatchConsumer(string subject) => Subject = subject;

    /// <summary>Where the publisher sends this consumer's envelopes.</summary>
    public string Subject { get; }

    /// <summary>Released every <see cref="SignalEvery"/> messages.</summary>
    public SemaphoreSlim Progress { get; } = new(0);

    public long Consumed => Interlocked.Read(ref _consumed);

    protected void Count()
    {
        if (Interlocked.Increment(ref _consumed) % SignalEvery == 0) Progress.Release();
    }

    public virtual ValueTask DisposeAsync()
    {
        Progress.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A raw Kryten.Nats subscription that disposes each message (the target's baseline), or, with <c>parse</c>, also reads
/// the fields a hand-written consumer without the SDK reads with <see cref="JsonDocument"/> (for context only).
/// </summary>
internal sealed class RawSubscriptionConsumer : DispatchConsumer
{
    private readonly NatsConnection _connection;
    private readonly NatsSubscription _subscription;
    private readonly Task _reading;

    private RawSubscriptionConsumer(string subject, NatsConnection connection, NatsSubscription subscription, bool parse) : base(subject)
    {
        _connection = connection;
        _subscription = subscription;
        _reading = Task.Run(async () =>
        {
            var reader = subscription.Messages;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var msg))
                {
                    if (parse) ReadFields(msg.Data);
                    msg.Dispose();
                    Count();
                }
            }
        });
    }

    public static async Task<RawSubscriptionConsumer> StartAsync(string url, string name, bool parse)
    {
        var connection = new NatsConnection(new NatsOpts { Servers = [url], Name = "bench-" + name });
        await connection.ConnectAsync().ConfigureAwait(false);
        var subject = $"kryten.events.cytube.{name}.chatmsg";
        var subscription = await connection.SubscribeAsync($"kryten.events.cytube.{name}.>").ConfigureAwait(false);
        return new RawSubscriptionConsumer(subject, connection, subscription, parse);
    }

    private static void ReadFields(ReadOnlyMemory<byte> envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        var root = doc.RootElement;
        var payload = root.GetProperty("payload");
        GC.KeepAlive((root.GetProperty("event_name").GetString(), root.GetProperty("channel").GetString(),
            root.GetProperty("correlation_id").GetString(), payload.GetProperty("username").GetString(), payload.GetProperty("msg").GetString()));
    }

    public override async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// A <see cref="KrytenClient"/> with one handler: typed (<c>On&lt;ChatMessage&gt;</c>, envelope and payload read into the
/// record) or raw-event (the same events without a record, which isolates the record's cost).
/// </summary>
internal sealed class SdkConsumer : DispatchConsumer
{
    private readonly KrytenClient _client;
    private readonly IDisposable _handler;

    private SdkConsumer(string subject, KrytenClient client, bool typed) : base(subject)
    {
        _client = client;
        _handler = typed
            ? client.On<ChatMessage>((_, _, _) => Counted())
            : client.OnRaw((_, _, _) => Counted(), eventName: "chatMsg");
    }

    public static async Task<SdkConsumer> StartAsync(string url, string channel, bool typed)
    {
        var options = new KrytenOptions
        {
            Nats = { Servers = [url], Name = "bench-sdk-" + channel },
            Channels = [new KrytenChannelOptions { Channel = channel, Domain = "cytu.be" }],
        };
        var client = new KrytenClient(options);
        var consumer = new SdkConsumer(KrytenSubjects.EventSubject(options.Subjects.EventPrefix, channel, "chatMsg"), client, typed);
        await client.ConnectAsync().ConfigureAwait(false);
        return consumer;
    }

    /// <summary>Malformed events and handler errors so far (both must stay 0).</summary>
    public string? Problems()
    {
        var health = _client.Health();
        return health.EventsMalformed > 0 || health.HandlerErrors > 0 ? health.ToString() : null;
    }

    private ValueTask Counted()
    {
        Count();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Services;
using NATS.Client.Core;
using NATS.Client.Services;

namespace Kryten.Sdk;

/// <summary>
/// Serves a Kryten service on <c>kryten.{service}.command</c> through a <see cref="KrytenClient"/> (with or without
/// channels): every request gets exactly one reply in the ecosystem's envelope (services.md §1.3, plus
/// <c>error_code</c>), in a NATS queue group so several instances answer each request once, and, on NATS, registered with
/// the NATS services framework (<c>$SRV.PING/INFO/STATS</c>). When the client has a service identity
/// (<see cref="KrytenOptions.Service"/>), the host announces it again (lifecycle <c>startup</c>) once it serves, so callers
/// that wait for the announcement find it answering. Generated hosts (<c>{Service}ServiceHost.StartAsync</c>)
/// call <see cref="StartAsync"/>. Dispose to stop serving.
/// </summary>
/// <example>
/// <code>
/// await using var host = await KrytenServiceHost.StartAsync(client, new KrytenServiceDefinition("echo",
///     [new KrytenServiceEndpoint("echo.say", [], (args, call, data, ct) => { data.WriteStringValue("hi"); return default; })]));
/// </code>
/// </example>
public sealed class KrytenServiceHost : IAsyncDisposable
{
    private readonly ServiceDispatcher _dispatcher;
    private readonly IAsyncDisposable _serving;

    private KrytenServiceHost(string name, string subject, ServiceDispatcher dispatcher, IAsyncDisposable serving)
    {
        Name = name;
        Subject = subject;
        _dispatcher = dispatcher;
        _serving = serving;
    }

    /// <summary>The service name.</summary>
    public string Name { get; }

    /// <summary>The command subject served.</summary>
    public string Subject { get; }

    /// <summary>Requests received so far.</summary>
    public long CommandsProcessed => _dispatcher.Processed;

    /// <summary>Requests answered with an error so far.</summary>
    public long CommandsFailed => _dispatcher.Failed;

    /// <summary>The command subject of a service: <c>kryten.{service}.command</c>.</summary>
    /// <param name="service">The service name.</param>
    /// <returns>The subject.</returns>
    /// <example><code>string subject = KrytenServiceHost.SubjectOf("moderator");   // kryten.moderator.command</code></example>
    public static string SubjectOf(string service) =>
        $"{KrytenWire.ServiceSubjectPrefix}.{service}.{KrytenWire.ServiceSubjectSuffix}";

    /// <summary>Starts serving <paramref name="definition"/>; returns once requests are being received.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="definition">The service.</param>
    /// <param name="options">Version, queue group, NATS services registration; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The running host.</returns>
    /// <exception cref="ArgumentException">The service name is not one subject token of letters, digits, <c>-</c> and <c>_</c>, or a command is declared twice.</exception>
    /// <exception cref="KrytenConnectionException">The client is not connected.</exception>
    /// <example><code>await using var host = await KrytenServiceHost.StartAsync(client, new KrytenServiceDefinition("echo", []), new KrytenServiceHostOptions { Version = "1.0.0" });</code></example>
    public static async ValueTask<KrytenServiceHost> StartAsync(KrytenClient client, KrytenServiceDefinition definition, KrytenServiceHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new KrytenServiceHostOptions();
        if (definition.Name.Length == 0 || !definition.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"The service name '{definition.Name}' must be letters, digits, '-' and '_' (one subject token)", nameof(definition));
        }
        client.EnsureRunning();
        var dispatcher = new ServiceDispatcher(definition, options, client.Time, client.Logger);
        var subject = SubjectOf(definition.Name);
        var queueGroup = options.QueueGroup ?? definition.Name;
        var nats = options.RegisterWithNatsServices ? client.NatsConnection : null;
        IAsyncDisposable serving = nats is null
            ? await client.Transport.SubscribeAsync(subject, queueGroup, async (message, ct) =>
            {
                var reply = await dispatcher.HandleAsync(message.Subject, message.ReplyTo, message.Data, ct).ConfigureAwait(false);
                if (message.ReplyTo is { } replyTo) await client.Transport.PublishAsync(replyTo, reply, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false)
            : await RegisterAsync(nats, definition.Name, subject, queueGroup, dispatcher, options, cancellationToken).ConfigureAwait(false);
        Log.ServiceStarted(client.Logger, definition.Name, subject, queueGroup, nats is not null);
        await client.ReannounceServiceAsync(cancellationToken).ConfigureAwait(false);
        return new KrytenServiceHost(definition.Name, subject, dispatcher, serving);
    }

    /// <summary>Stops serving: no further request is received; a request being answered finishes first.</summary>
    /// <returns>A task that completes when the subscription is gone.</returns>
    public ValueTask DisposeAsync() => _serving.DisposeAsync();

    // The NATS services framework owns the subscription (in the queue group) and counts requests for $SRV.STATS; the
    // endpoint's metadata lists the commands, so `nats micro info` shows them.
    private static async ValueTask<IAsyncDisposable> RegisterAsync(INatsConnection nats, string name, string subject, string queueGroup,
        ServiceDispatcher dispatcher, KrytenServiceHostOptions options, CancellationToken cancellationToken)
    {
        var config = new NatsSvcConfig(name, options.Version) { QueueGroup = queueGroup, Description = options.Description };
        var server = await new NatsSvcContext(nats).AddServiceAsync(config, cancellationToken).ConfigureAwait(false);
        try
        {
            await server.AddEndpointAsync<NatsMemoryOwner<byte>>(async message =>
            {
                using var body = message.Data;
                var reply = await dispatcher.HandleAsync(message.Subject, message.ReplyTo, body.Memory, CancellationToken.None).ConfigureAwait(false);
                if (message.ReplyTo is not null) await message.ReplyAsync(reply).ConfigureAwait(false);
            }, name: KrytenWire.ServiceSubjectSuffix, subject: subject, queueGroup: queueGroup,
            metadata: new Dictionary<string, string> { ["commands"] = string.Join(",", dispatcher.Commands.Order(StringComparer.Ordinal)) },
            cancellationToken: cancellationToken).ConfigureAwait(false);
            // A round trip: the server has the subscription once the pong is back, like every Kryten subscription.
            await nats.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }
}

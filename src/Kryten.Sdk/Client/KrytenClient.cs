using Kryten.Sdk.Configuration;
using Kryten.Sdk.Delivery;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Transport;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace Kryten.Sdk;

/// <summary>
/// The Kryten bot client: connects to NATS, subscribes to the configured channels' events, dispatches them to
/// generated handler sets and lambdas, and sends commands to the bridge exactly as it reads them.
/// Split by concern: lifecycle, handlers, commands, raw messaging, health.
/// </summary>
/// <example>
/// <code>
/// var options = KrytenOptionsLoader.FromFile("kryten.yaml");
/// await using var client = new KrytenClient(options);
/// client.AddHandlers(new Greeter());
/// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
/// {
///     if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
/// });
/// await client.RunAsync(cancellationToken);   // until StopAsync, cancellation, or SIGINT/SIGTERM when enabled
///
/// public sealed partial class Greeter   // partial: the generator adds the dispatch
/// {
///     [KrytenHandler]
///     public Task OnJoin(UserJoined user, EventContext ctx) =&gt; ctx.Commands.SayAsync($"hi {user.Name}").AsTask();
/// }
/// </code>
/// </example>
public sealed partial class KrytenClient : IKrytenCommandSender, IAsyncDisposable
{
    private readonly KrytenOptions _options;
    private readonly IKrytenTransport _transport;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly KrytenMetrics _metrics = new();
    private readonly HandlerInvoker _invoker;
    private readonly EventDispatcher _dispatcher;
    private readonly ChannelSubscription[] _channels;

    /// <summary>
    /// Creates a client with its own NATS connection, made from the options' <see cref="KrytenOptions.Nats"/> settings
    /// (disposed with the client). Validates the options.
    /// </summary>
    /// <param name="options">The options; <c>${VAR}</c> references are resolved in place. Throws <see cref="KrytenConfigurationException"/> listing every problem.</param>
    /// <param name="loggerFactory">
    /// Logging (the SDK's and NATS.Net's); none by default. Credentials never reach a log line. A failed connection
    /// attempt is one warning line; its exception is logged at Debug.
    /// </param>
    /// <example>
    /// <code>
    /// using Microsoft.Extensions.Logging;
    ///
    /// public sealed class BotService(ILoggerFactory loggerFactory)   // e.g. from dependency injection
    /// {
    ///     public KrytenClient Client { get; } = new(KrytenOptionsLoader.FromFile("kryten.yaml"), loggerFactory);
    /// }
    /// </code>
    /// </example>
    public KrytenClient(KrytenOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, (o, logger) => OwnConnection(o, loggerFactory ?? NullLoggerFactory.Instance, logger), loggerFactory, TimeProvider.System, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>
    /// Creates a client on a NATS connection the application owns and shares (e.g. registered by NATS.Client.Hosting's
    /// <c>AddNats</c>). The connection's own settings apply, so <see cref="KrytenOptions.Nats"/> is not used; the client
    /// never disposes the connection. Validates the options.
    /// </summary>
    /// <param name="options">The options; <c>${VAR}</c> references are resolved in place.</param>
    /// <param name="connection">The application's connection; connected by <see cref="ConnectAsync"/> if it is not yet.</param>
    /// <param name="loggerFactory">Logging; none by default.</param>
    /// <example>
    /// <code>
    /// using NATS.Client.Core;
    ///
    /// public sealed class BotService(INatsConnection nats)   // e.g. registered with NATS.Client.Hosting's AddNats
    /// {
    ///     public KrytenClient Client { get; } = new(KrytenOptionsLoader.FromFile("kryten.yaml"), nats);
    /// }
    /// </code>
    /// </example>
    public KrytenClient(KrytenOptions options, INatsConnection connection, ILoggerFactory? loggerFactory = null)
        : this(options, (o, logger) => new NatsKrytenTransport(connection ?? throw new ArgumentNullException(nameof(connection)), owned: false, o.MaxPendingEvents, logger),
            loggerFactory, TimeProvider.System, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a client over a caller-supplied transport (e.g. <c>InMemoryKrytenBus</c> in tests). Validates the options.</summary>
    /// <param name="options">The options; <c>${VAR}</c> references are resolved in place. Throws <see cref="KrytenConfigurationException"/> listing every problem.</param>
    /// <param name="transport">The wire.</param>
    /// <param name="loggerFactory">Logging; none by default.</param>
    /// <example><code>await using var client = new KrytenClient(options, new InMemoryKrytenBus());</code></example>
    public KrytenClient(KrytenOptions options, IKrytenTransport transport, ILoggerFactory? loggerFactory = null)
        : this(options, (_, _) => transport ?? throw new ArgumentNullException(nameof(transport)), loggerFactory, TimeProvider.System, Environment.GetEnvironmentVariable)
    {
    }

    internal KrytenClient(KrytenOptions options, Func<KrytenOptions, ILogger, IKrytenTransport> transport, ILoggerFactory? loggerFactory,
        TimeProvider time, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ResolveAndValidate(options, environment);
        _options = options;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Kryten.Sdk.KrytenClient");
        _transport = transport(options, _logger);
        if (options.Delivery.Mode == KrytenDelivery.AtLeastOnce && !DeliveryFeature.IsAtLeastOnceSupported)
        {
            throw new KrytenConfigurationException(["delivery.mode: atLeastOnce was left out of this build (MSBuild property KrytenAtLeastOnceDelivery=false)"]);
        }
        if (options.Delivery.Mode == KrytenDelivery.AtLeastOnce && _transport is not NatsKrytenTransport)
        {
            throw new KrytenConfigurationException([$"delivery.mode: atLeastOnce needs JetStream on a NATS connection; {_transport.GetType().Name} delivers at most once"]);
        }
        _invoker = new HandlerInvoker(options, _metrics, _logger);
        _dispatcher = new EventDispatcher(options, this, _invoker, _metrics, _backlog, _logger);
        _channels = options.Channels
            .Select(c => new ChannelSubscription(c, EventSubscriptionSubject(c), new EnvelopeReader(options.MaxMessageBytes, options.MaxJsonDepth, time)))
            .ToArray();
    }

    /// <summary>The options in force (secrets redacted by <see cref="KrytenOptions.ToString"/>).</summary>
    public KrytenOptions Options => _options;

    /// <summary>
    /// Called when a handler throws (after logging and counting). The client keeps running whatever the handler or
    /// this callback does.
    /// </summary>
    /// <example>
    /// <code>
    /// using System.Diagnostics.Metrics;
    ///
    /// using var meter = new Meter("MyBot");
    /// var failures = meter.CreateCounter&lt;long&gt;("mybot.handler.failures");
    /// client.OnHandlerError = e =&gt; failures.Add(1, new KeyValuePair&lt;string, object?&gt;("handler", e.Handler));
    /// </code>
    /// </example>
    public Action<KrytenHandlerError>? OnHandlerError
    {
        get => _invoker.OnHandlerError;
        set => _invoker.OnHandlerError = value;
    }

    private static NatsKrytenTransport OwnConnection(KrytenOptions options, ILoggerFactory loggerFactory, ILogger logger) =>
        new(new NatsConnection(NatsConnectionOptions.From(options, loggerFactory)), owned: true, options.MaxPendingEvents, logger);

    private string EventSubscriptionSubject(KrytenChannelOptions channel) =>
        _options.Subjects.Layout == KrytenSubjectLayout.Current
            ? $"{_options.Subjects.EventPrefix}.{KrytenSubjects.NormalizeToken(channel.Channel, "channel")}.>"
            : $"{_options.Subjects.LegacyEventPrefix}.{KrytenSubjects.NormalizeToken(channel.Domain, "domain")}.{KrytenSubjects.NormalizeToken(channel.Channel, "channel")}.>";
}

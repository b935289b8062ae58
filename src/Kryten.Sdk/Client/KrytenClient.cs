using Kryten.Sdk.Commands;
using Kryten.Sdk.Configuration;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
/// client.AddHandlers(new EchoBot());
/// client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
/// {
///     if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
/// });
/// await client.RunAsync(cancellationToken);   // until StopAsync, cancellation, or SIGINT/SIGTERM when enabled
/// </code>
/// </example>
public sealed partial class KrytenClient : IKrytenCommandSender, IAsyncDisposable
{
    private readonly KrytenOptions _options;
    private readonly IKrytenTransport _transport;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly KrytenMetrics _metrics = new();
    private readonly EventParsers _parsers;
    private readonly EventDispatcher _dispatcher;
    private readonly ChannelState[] _channels;

    /// <summary>Creates a client that talks to NATS with the options' <see cref="KrytenOptions.Nats"/> settings. Validates the options.</summary>
    /// <param name="options">The options; <c>${VAR}</c> references are resolved in place. Throws <see cref="KrytenConfigurationException"/> listing every problem.</param>
    /// <param name="loggerFactory">Logging; none by default. Credentials never reach a log line.</param>
    /// <example><code>await using var client = new KrytenClient(KrytenOptionsLoader.FromFile("kryten.yaml"), loggerFactory);</code></example>
    public KrytenClient(KrytenOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, o => new NatsKrytenTransport(NatsKrytenTransport.ToNatsOpts(o, loggerFactory)), loggerFactory, TimeProvider.System, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a client over a caller-supplied transport (e.g. <c>InMemoryKrytenBus</c> in tests). Validates the options.</summary>
    /// <param name="options">The options; <c>${VAR}</c> references are resolved in place. Throws <see cref="KrytenConfigurationException"/> listing every problem.</param>
    /// <param name="transport">The wire.</param>
    /// <param name="loggerFactory">Logging; none by default.</param>
    /// <example><code>await using var client = new KrytenClient(options, new InMemoryKrytenBus());</code></example>
    public KrytenClient(KrytenOptions options, IKrytenTransport transport, ILoggerFactory? loggerFactory = null)
        : this(options, _ => transport, loggerFactory, TimeProvider.System, Environment.GetEnvironmentVariable)
    {
    }

    internal KrytenClient(KrytenOptions options, Func<KrytenOptions, IKrytenTransport> transport, ILoggerFactory? loggerFactory,
        TimeProvider time, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ResolveAndValidate(options, environment);
        _options = options;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Kryten.Sdk.KrytenClient");
        _transport = transport(options);
        _parsers = new EventParsers(GeneratedEventRegistry.Records);
        _dispatcher = new EventDispatcher(options, _parsers, this, _metrics, _logger);
        _channels = options.Channels.Select(c => new ChannelState(c, EventSubscriptionSubject(c))).ToArray();
    }

    /// <summary>The options in force (secrets redacted by <see cref="KrytenOptions.ToString"/>).</summary>
    /// <example><code>Console.WriteLine(client.Options); // secrets redacted</code></example>
    public KrytenOptions Options => _options;

    /// <summary>
    /// Called when a handler throws (after logging and counting). The client keeps running whatever the handler or
    /// this callback does.
    /// </summary>
    /// <example><code>client.OnHandlerError = e => metrics.Add(1, new("handler", e.Handler));</code></example>
    public Action<KrytenHandlerError>? OnHandlerError
    {
        get => _dispatcher.OnHandlerError;
        set => _dispatcher.OnHandlerError = value;
    }

    private string EventSubscriptionSubject(KrytenChannelOptions channel) =>
        _options.Subjects.Layout == KrytenSubjectLayout.Current
            ? $"{_options.Subjects.EventPrefix}.{KrytenSubjects.NormalizeToken(channel.Channel, "channel")}.>"
            : $"{_options.Subjects.LegacyEventPrefix}.{KrytenSubjects.NormalizeToken(channel.Domain, "domain")}.{KrytenSubjects.NormalizeToken(channel.Channel, "channel")}.>";
}

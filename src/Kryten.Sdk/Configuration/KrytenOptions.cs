namespace Kryten.Sdk;

/// <summary>
/// Everything a <see cref="KrytenClient"/> needs: NATS connection, channels, retry, handler and chat
/// behaviour, subject layout. Build it in code, or load it with <see cref="KrytenOptionsLoader"/> from a
/// JSON or YAML file (with <c>${VAR}</c>/<c>${VAR:-default}</c> substitution). Validated when loaded from a file and when a client is created.
/// </summary>
/// <example>
/// <code>
/// var options = new KrytenOptions
/// {
///     Nats = { Servers = ["nats://127.0.0.1:4222"] },
///     Channels = [new KrytenChannelOptions { Domain = "cytu.be", Channel = "420Grindhouse" }],
///     ServiceName = "echo-bot",
/// };
/// await using var client = new KrytenClient(options);
/// </code>
/// </example>
public sealed class KrytenOptions
{
    /// <summary>How to reach NATS.</summary>
    public KrytenNatsOptions Nats { get; set; } = new();

    /// <summary>The CyTube channels (one bridge each) this client listens to; may be empty for tools and RPC-only services.</summary>
    public IList<KrytenChannelOptions> Channels { get; set; } = [];

    /// <summary>The <c>meta.source</c> of every command this client sends (the bridge logs it).</summary>
    public string ServiceName { get; set; } = "kryten-sdk";

    /// <summary>Retry policy for publishes that fail.</summary>
    public KrytenRetryOptions Retry { get; set; } = new();

    /// <summary>After this, a handler's token is cancelled and the timeout is logged and counted.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most handler invocations running at once across the client.</summary>
    public int MaxConcurrentHandlers { get; set; } = 64;

    /// <summary>Outgoing chat and PM splitting and pacing.</summary>
    public KrytenChatOptions Chat { get; set; } = new();

    /// <summary>Subject layout (current bridge, or the older <c>cytube.events.{domain}.{channel}</c> layout).</summary>
    public KrytenSubjectOptions Subjects { get; set; } = new();

    /// <summary>Default wait for a bridge reply to an acknowledged command or request. The bridge itself waits up to 8 s for <c>addvideo</c>.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="KrytenClient.StopAsync(CancellationToken)"/> waits for running handlers, queued chat and the NATS drain.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Incoming messages larger than this are skipped and counted (NATS' default max payload is 1 MiB).</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Received messages a channel's subscription holds while its handlers are busy; beyond that, newer messages are
    /// dropped (NATS delivers at most once), counted in <see cref="KrytenHealth.EventsDropped"/> and logged.
    /// </summary>
    public int MaxPendingEvents { get; set; } = 8192;

    /// <summary>How events reach the client: at most once over core NATS (the default), or at least once through JetStream.</summary>
    public KrytenDeliveryOptions Delivery { get; set; } = new();

    /// <summary>The channels' robot state read from the bridge's KV buckets (<see cref="KrytenClient.ChannelState"/>).</summary>
    public KrytenStateOptions State { get; set; } = new();

    /// <summary>Deepest JSON nesting accepted in an envelope (System.Text.Json's default is 64).</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>When true, <see cref="KrytenClient.RunAsync"/> stops on SIGINT/SIGTERM (for console bots; hosts usually handle signals themselves).</summary>
    public bool HandleShutdownSignals { get; set; }

    /// <summary>
    /// The service identity the client announces in the Kryten lifecycle (startup, heartbeats, shutdown; listed by the
    /// bridge's <c>system.services</c>); null (the default) for none.
    /// </summary>
    public KrytenServiceOptions? Service { get; set; }

    /// <summary>When true, no handler sees the chat CyTube replays when the bridge joins a channel (<see cref="EventContext.IsBacklog"/>).</summary>
    public bool SkipBacklog { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"KrytenOptions {{ Nats = {Nats}, Channels = [{string.Join(", ", Channels)}], ServiceName = {ServiceName}, " +
        $"HandlerTimeout = {HandlerTimeout}, MaxConcurrentHandlers = {MaxConcurrentHandlers}, Chat = {Chat}, Subjects = {Subjects}, Delivery = {Delivery}, State = {State}, " +
        $"Service = {Service?.ToString() ?? "-"}, SkipBacklog = {SkipBacklog} }}";
}

/// <summary>One CyTube channel as its bridge is configured (<c>cytube.domain</c>, <c>cytube.channel</c>).</summary>
/// <example><code>options.Channels.Add(new KrytenChannelOptions { Domain = "cytu.be", Channel = "Lounge Test" });</code></example>
public sealed class KrytenChannelOptions
{
    /// <summary>The CyTube server, exactly as the bridge's config says (the bridge compares <c>meta.domain</c> exactly).</summary>
    public string Domain { get; set; } = "cytu.be";

    /// <summary>The channel name as configured on the bridge (raw; the subject token is derived from it).</summary>
    public string Channel { get; set; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{Domain}/{Channel}";
}

/// <summary>NATS connection settings. Secrets are never printed.</summary>
/// <example><code>options.Nats.Servers = ["tls://nats.example:4222"]; options.Nats.CredsFile = "/etc/bot.creds";</code></example>
public sealed class KrytenNatsOptions
{
    /// <summary>Server URLs (<c>nats://</c> or <c>tls://</c>).</summary>
    public IList<string> Servers { get; set; } = ["nats://127.0.0.1:4222"];

    /// <summary>Connection name shown by the server.</summary>
    public string? Name { get; set; }

    /// <summary>User for user/password auth.</summary>
    public string? User { get; set; }

    /// <summary>Password for user/password auth (secret).</summary>
    public string? Password { get; set; }

    /// <summary>Token auth (secret).</summary>
    public string? Token { get; set; }

    /// <summary>NKey seed (<c>SU...</c>, secret).</summary>
    public string? NKeySeed { get; set; }

    /// <summary>Path of a <c>.creds</c> file (JWT + NKey seed).</summary>
    public string? CredsFile { get; set; }

    /// <summary>CA bundle for TLS.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>Client certificate for mutual TLS.</summary>
    public string? TlsCertFile { get; set; }

    /// <summary>Client key for mutual TLS.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>Timeout of one connection attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times <see cref="KrytenClient.ConnectAsync"/> tries before failing.</summary>
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>
    /// Wait before retrying a connection: between <see cref="KrytenClient.ConnectAsync"/>'s attempts, and after a lost
    /// connection's first failed reconnect attempt, doubling after each further one up to <see cref="MaxReconnectWait"/>.
    /// Short by default so that a client fails over to another cluster node within a second or two.
    /// </summary>
    public TimeSpan ReconnectWait { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between reconnect attempts (see <see cref="ReconnectWait"/>).</summary>
    public TimeSpan MaxReconnectWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Random extra wait (0 to this) added to each <see cref="ReconnectWait"/>, so many bots do not reconnect in step.</summary>
    public TimeSpan ReconnectJitter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Failed reconnect attempts, counted across all servers, after which the client gives up on a lost connection
    /// (its state becomes <see cref="KrytenConnectionState.Closed"/> and <see cref="KrytenClient.RunAsync"/> throws);
    /// -1 for forever.
    /// </summary>
    public int MaxReconnectAttempts { get; set; } = -1;

    /// <summary>
    /// How long a publish or command made while the connection is down waits for it to come back before failing with
    /// <see cref="KrytenPublishException"/>; <see cref="Timeout.InfiniteTimeSpan"/> (<c>infinite</c> in files) waits for
    /// as long as reconnecting takes. Waiting publishes go out in order once reconnected.
    /// </summary>
    public TimeSpan ReconnectBufferTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of NATS PINGs.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{{ Servers = [{string.Join(", ", Servers.Select(KrytenRedaction.Url))}], User = {User ?? "-"}, " +
        $"Password = {KrytenRedaction.Secret(Password)}, Token = {KrytenRedaction.Secret(Token)}, NKeySeed = {KrytenRedaction.Secret(NKeySeed)}, " +
        $"CredsFile = {CredsFile ?? "-"}, Tls = {((TlsCaFile ?? TlsCertFile) is null ? "off" : "on")} }}";
}

/// <summary>Retry policy for publishes: exponential backoff with jitter.</summary>
/// <example><code>options.Retry = new KrytenRetryOptions { Attempts = 5, Delay = TimeSpan.FromMilliseconds(200) };</code></example>
public sealed class KrytenRetryOptions
{
    /// <summary>Retries after the first failed publish (0 = no retry).</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>First backoff; doubles per retry.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Largest backoff.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Random extra delay, as a fraction of the backoff (0..1).</summary>
    public double Jitter { get; set; } = 0.2;

    /// <inheritdoc/>
    public override string ToString() => $"{{ Attempts = {Attempts}, Delay = {Delay}, MaxDelay = {MaxDelay}, Jitter = {Jitter} }}";
}

/// <summary>
/// Outgoing chat (<c>say</c>) and PM (<c>pm</c>): split at <see cref="MaxLength"/>, queued per channel, and paced like
/// CyTube's antiflood so the channel does not drop them. CyTube limits each user per channel, PMs included: a burst of
/// 4, then 1 message a second (its defaults), for ranks below 2 when the channel turns antiflood on.
/// </summary>
/// <example><code>options.Chat = new KrytenChatOptions { Burst = 2, Sustained = 0.5 };   // a channel with stricter antiflood</code></example>
public sealed class KrytenChatOptions
{
    /// <summary>Longer messages are split at word boundaries. CyTube's limit is 320 characters unless the server is configured otherwise (at most 1,000).</summary>
    public int MaxLength { get; set; } = 320;

    /// <summary>Messages sent at once before pacing starts (CyTube's <c>chat_antiflood_params.burst</c>).</summary>
    public int Burst { get; set; } = 4;

    /// <summary>Messages a second after the burst (CyTube's <c>chat_antiflood_params.sustained</c>).</summary>
    public double Sustained { get; set; } = 1;

    /// <summary>False sends as fast as NATS allows: for a bot of rank 2 or more, or a channel without antiflood.</summary>
    public bool Pacing { get; set; } = true;

    /// <summary>Messages a channel's queue holds; sending waits for room beyond that.</summary>
    public int MaxQueued { get; set; } = 256;

    /// <inheritdoc/>
    public override string ToString() => $"{{ MaxLength = {MaxLength}, Burst = {Burst}, Sustained = {Sustained}, Pacing = {Pacing}, MaxQueued = {MaxQueued} }}";
}

/// <summary>Which subjects the bridge uses.</summary>
/// <example><code>options.Subjects.Layout = KrytenSubjectLayout.Legacy; // cytube.events.{domain}.{channel}.{event}</code></example>
public sealed class KrytenSubjectOptions
{
    /// <summary>Current or legacy event subject layout.</summary>
    public KrytenSubjectLayout Layout { get; set; } = KrytenSubjectLayout.Current;

    /// <summary>Event prefix of the current layout: events arrive on <c>{EventPrefix}.{channel}.{event}</c>.</summary>
    public string EventPrefix { get; set; } = KrytenWire.EventSubjectPrefix;

    /// <summary>Event prefix of the legacy layout: events arrive on <c>{LegacyEventPrefix}.{domain}.{channel}.{event}</c>.</summary>
    public string LegacyEventPrefix { get; set; } = KrytenWire.LegacyEventSubjectPrefix;

    /// <summary>Where commands go.</summary>
    public string CommandSubject { get; set; } = KrytenWire.CommandSubject;

    /// <inheritdoc/>
    public override string ToString() => $"{{ Layout = {Layout}, EventPrefix = {EventPrefix}, LegacyEventPrefix = {LegacyEventPrefix}, CommandSubject = {CommandSubject} }}";
}

/// <summary>The event subject layout of the deployment.</summary>
/// <example><code>options.Subjects.Layout = KrytenSubjectLayout.Current;</code></example>
public enum KrytenSubjectLayout
{
    /// <summary><c>kryten.events.cytube.{normalize(channel)}.{normalize(event)}</c> (Kryten-Robot 1.x).</summary>
    Current,

    /// <summary><c>cytube.events.{normalize(domain)}.{normalize(channel)}.{normalize(event)}</c> (older deployments).</summary>
    Legacy,
}

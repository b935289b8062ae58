using System.Text;
using Kryten.Nats.Internal;
using Microsoft.Extensions.Logging;

namespace Kryten.Nats;

/// <summary>
/// Immutable connection settings. Change them with <c>with</c>. <see cref="ToString"/> never prints secrets.
/// </summary>
/// <example>
/// <code>
/// var opts = NatsOpts.Default with
/// {
///     Servers = ["nats://10.0.0.1:4222", "nats://10.0.0.2:4222"],
///     Name = "my-bot",
///     Username = "bot",
///     Password = Environment.GetEnvironmentVariable("NATS_PASSWORD"),
/// };
/// await using var connection = new NatsConnection(opts);
/// await connection.ConnectAsync();
/// </code>
/// </example>
public sealed record NatsOpts
{
    /// <summary>The default settings (one server at <c>nats://127.0.0.1:4222</c>).</summary>
    /// <example><code>var opts = NatsOpts.Default with { Name = "bot" };</code></example>
    public static NatsOpts Default { get; } = new();

    /// <summary>Server URLs (<c>nats://host:port</c>, <c>tls://host:port</c> or <c>host:port</c>). More are discovered from the cluster.</summary>
    /// <example><code>NatsOpts.Default with { Servers = ["nats://a:4222", "nats://b:4222"] }</code></example>
    public IReadOnlyList<string> Servers { get; init; } = ["nats://127.0.0.1:4222"];

    /// <summary>Keep the server order instead of shuffling it.</summary>
    /// <example><code>NatsOpts.Default with { NoRandomize = true }</code></example>
    public bool NoRandomize { get; init; }

    /// <summary>Connection name shown in server monitoring.</summary>
    /// <example><code>NatsOpts.Default with { Name = "kryten-bot" }</code></example>
    public string? Name { get; init; }

    /// <summary>Deliver this connection's own publishes to its own subscriptions.</summary>
    /// <example><code>NatsOpts.Default with { Echo = false }</code></example>
    public bool Echo { get; init; } = true;

    /// <summary>User name for user/password auth.</summary>
    /// <example><code>NatsOpts.Default with { Username = "bot", Password = "secret" }</code></example>
    public string? Username { get; init; }

    /// <summary>Password for user/password auth. Never logged.</summary>
    /// <example><code>NatsOpts.Default with { Username = "bot", Password = "secret" }</code></example>
    public string? Password { get; init; }

    /// <summary>Token for token auth. Never logged.</summary>
    /// <example><code>NatsOpts.Default with { Token = "s3cr3t" }</code></example>
    public string? Token { get; init; }

    /// <summary>NKey user seed (<c>SU…</c>) that signs the server nonce. Never logged.</summary>
    /// <example><code>NatsOpts.Default with { NKeySeed = File.ReadAllText("user.nk").Trim() }</code></example>
    public string? NKeySeed { get; init; }

    /// <summary>Path of a <c>.creds</c> file (user JWT plus seed), read on every connect.</summary>
    /// <example><code>NatsOpts.Default with { CredsFile = "/etc/kryten/bot.creds" }</code></example>
    public string? CredsFile { get; init; }

    /// <summary>User JWT, used together with <see cref="NKeySeed"/> when no creds file is given. Never logged.</summary>
    /// <example><code>NatsOpts.Default with { Jwt = jwt, NKeySeed = seed }</code></example>
    public string? Jwt { get; init; }

    /// <summary>TLS settings; null means TLS only when the server requires it.</summary>
    /// <example><code>NatsOpts.Default with { Tls = new NatsTlsOpts { CaFile = "ca.pem" } }</code></example>
    public NatsTlsOpts? Tls { get; init; }

    /// <summary>Time allowed for one TCP connect plus handshake.</summary>
    /// <example><code>NatsOpts.Default with { ConnectTimeout = TimeSpan.FromSeconds(5) }</code></example>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Base wait between passes over the server list; it doubles per pass up to 8 times this value.</summary>
    /// <example><code>NatsOpts.Default with { ReconnectWait = TimeSpan.FromMilliseconds(500) }</code></example>
    public TimeSpan ReconnectWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of the random time added to each reconnect wait.</summary>
    /// <example><code>NatsOpts.Default with { ReconnectJitter = TimeSpan.FromMilliseconds(250) }</code></example>
    public TimeSpan ReconnectJitter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Failed reconnect attempts per server before it is dropped; -1 retries forever.</summary>
    /// <example><code>NatsOpts.Default with { MaxReconnectAttempts = -1 }</code></example>
    public int MaxReconnectAttempts { get; init; } = 60;

    /// <summary>When the first connect fails, keep retrying in the background instead of throwing.</summary>
    /// <example><code>NatsOpts.Default with { RetryOnInitialConnect = true }</code></example>
    public bool RetryOnInitialConnect { get; init; }

    /// <summary>How often the client pings the server to detect a dead connection.</summary>
    /// <example><code>NatsOpts.Default with { PingInterval = TimeSpan.FromSeconds(30) }</code></example>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Unanswered pings after which the connection is considered stale and is re-established.</summary>
    /// <example><code>NatsOpts.Default with { MaxPingsOut = 3 }</code></example>
    public int MaxPingsOut { get; init; } = 2;

    /// <summary>Bytes of publishes kept while disconnected; beyond it publishes fail with <see cref="NatsReconnectBufferFullException"/>.</summary>
    /// <example><code>NatsOpts.Default with { ReconnectBufferBytes = 1024 * 1024 }</code></example>
    public int ReconnectBufferBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Default most messages pending per subscription before drops.</summary>
    /// <example><code>NatsOpts.Default with { SubPendingMessages = 10_000 }</code></example>
    public int SubPendingMessages { get; init; } = 65536;

    /// <summary>Default most payload bytes pending per subscription before drops.</summary>
    /// <example><code>NatsOpts.Default with { SubPendingBytes = 16L * 1024 * 1024 }</code></example>
    public long SubPendingBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Default timeout of <see cref="NatsConnection.RequestAsync"/>.</summary>
    /// <example><code>NatsOpts.Default with { RequestTimeout = TimeSpan.FromSeconds(2) }</code></example>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest time <see cref="NatsConnection.DrainAsync"/> waits for consumers before closing.</summary>
    /// <example><code>NatsOpts.Default with { DrainTimeout = TimeSpan.FromSeconds(10) }</code></example>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the client logs; null disables logging.</summary>
    /// <example><code>NatsOpts.Default with { LoggerFactory = loggerFactory }</code></example>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Describes the settings with every secret replaced by <c>***</c>.</summary>
    /// <returns>A one-line description without credentials.</returns>
    /// <example><code>Console.WriteLine(opts); // ... Password = ***, ...</code></example>
    public override string ToString()
    {
        var sb = new StringBuilder("NatsOpts { Servers = [");
        sb.Append(string.Join(", ", Servers.Select(ServerAddress.Redact))).Append(']');
        sb.Append(", NoRandomize = ").Append(NoRandomize);
        sb.Append(", Name = ").Append(Name);
        sb.Append(", Echo = ").Append(Echo);
        sb.Append(", Username = ").Append(Username);
        sb.Append(", Password = ").Append(Secret(Password));
        sb.Append(", Token = ").Append(Secret(Token));
        sb.Append(", NKeySeed = ").Append(Secret(NKeySeed));
        sb.Append(", CredsFile = ").Append(CredsFile);
        sb.Append(", Jwt = ").Append(Secret(Jwt));
        sb.Append(", Tls = ").Append(Tls);
        sb.Append(", ConnectTimeout = ").Append(ConnectTimeout);
        sb.Append(", ReconnectWait = ").Append(ReconnectWait);
        sb.Append(", ReconnectJitter = ").Append(ReconnectJitter);
        sb.Append(", MaxReconnectAttempts = ").Append(MaxReconnectAttempts);
        sb.Append(", RetryOnInitialConnect = ").Append(RetryOnInitialConnect);
        sb.Append(", PingInterval = ").Append(PingInterval);
        sb.Append(", MaxPingsOut = ").Append(MaxPingsOut);
        sb.Append(", ReconnectBufferBytes = ").Append(ReconnectBufferBytes);
        sb.Append(", SubPendingMessages = ").Append(SubPendingMessages);
        sb.Append(", SubPendingBytes = ").Append(SubPendingBytes);
        sb.Append(", RequestTimeout = ").Append(RequestTimeout);
        sb.Append(", DrainTimeout = ").Append(DrainTimeout);
        sb.Append(" }");
        return sb.ToString();
    }

    private static string? Secret(string? value) => value is null ? null : "***";
}

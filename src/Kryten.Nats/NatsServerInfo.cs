using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kryten.Nats;

/// <summary>What the server announced in its latest <c>INFO</c>.</summary>
/// <example>
/// <code>
/// await connection.ConnectAsync();
/// Console.WriteLine($"{connection.ServerInfo!.ServerName} {connection.ServerInfo.Version}, max payload {connection.ServerInfo.MaxPayload}");
/// </code>
/// </example>
public sealed class NatsServerInfo
{
    /// <summary>The server's unique id.</summary>
    /// <example><code>Console.WriteLine(info.ServerId);</code></example>
    [JsonPropertyName("server_id")] public string ServerId { get; init; } = "";

    /// <summary>The server's configured name (the id when unset).</summary>
    /// <example><code>Console.WriteLine(info.ServerName);</code></example>
    [JsonPropertyName("server_name")] public string ServerName { get; init; } = "";

    /// <summary>Server version, e.g. <c>2.9.10</c>.</summary>
    /// <example><code>Console.WriteLine(info.Version);</code></example>
    [JsonPropertyName("version")] public string Version { get; init; } = "";

    /// <summary>Protocol level (1 supports async INFO and echo control).</summary>
    /// <example><code>Console.WriteLine(info.Proto);</code></example>
    [JsonPropertyName("proto")] public int Proto { get; init; }

    /// <summary>Advertised client host.</summary>
    /// <example><code>Console.WriteLine(info.Host);</code></example>
    [JsonPropertyName("host")] public string Host { get; init; } = "";

    /// <summary>Advertised client port.</summary>
    /// <example><code>Console.WriteLine(info.Port);</code></example>
    [JsonPropertyName("port")] public int Port { get; init; }

    /// <summary>Whether the server supports headers.</summary>
    /// <example><code>if (info.Headers) { /* HPUB allowed */ }</code></example>
    [JsonPropertyName("headers")] public bool Headers { get; init; }

    /// <summary>Largest message (headers plus payload) the server accepts.</summary>
    /// <example><code>Console.WriteLine(info.MaxPayload);</code></example>
    [JsonPropertyName("max_payload")] public long MaxPayload { get; init; } = 1024 * 1024;

    /// <summary>The server's id for this client.</summary>
    /// <example><code>Console.WriteLine(info.ClientId);</code></example>
    [JsonPropertyName("client_id")] public ulong ClientId { get; init; }

    /// <summary>The client's address as the server sees it.</summary>
    /// <example><code>Console.WriteLine(info.ClientIp);</code></example>
    [JsonPropertyName("client_ip")] public string? ClientIp { get; init; }

    /// <summary>Credentials are required.</summary>
    /// <example><code>if (info.AuthRequired) { /* send credentials */ }</code></example>
    [JsonPropertyName("auth_required")] public bool AuthRequired { get; init; }

    /// <summary>The client must upgrade to TLS before CONNECT.</summary>
    /// <example><code>if (info.TlsRequired) { /* upgrade */ }</code></example>
    [JsonPropertyName("tls_required")] public bool TlsRequired { get; init; }

    /// <summary>TLS is optional on this server.</summary>
    /// <example><code>if (info.TlsAvailable) { /* may upgrade */ }</code></example>
    [JsonPropertyName("tls_available")] public bool TlsAvailable { get; init; }

    /// <summary>Other client URLs of the cluster (<c>host:port</c>).</summary>
    /// <example><code>foreach (var url in info.ConnectUrls ?? []) Console.WriteLine(url);</code></example>
    [JsonPropertyName("connect_urls")] public IReadOnlyList<string>? ConnectUrls { get; init; }

    /// <summary>The server is in lame-duck mode (shutting down).</summary>
    /// <example><code>if (info.LameDuckMode) Console.WriteLine("server leaving");</code></example>
    [JsonPropertyName("ldm")] public bool LameDuckMode { get; init; }

    /// <summary>Whether JetStream is enabled on the server.</summary>
    /// <example><code>if (info.JetStream) { /* JetStream API available */ }</code></example>
    [JsonPropertyName("jetstream")] public bool JetStream { get; init; }

    /// <summary>Nonce to sign for nkey/JWT auth.</summary>
    /// <example><code>Console.WriteLine(info.Nonce is not null);</code></example>
    [JsonPropertyName("nonce")] public string? Nonce { get; init; }

    /// <summary>Cluster name, if clustered.</summary>
    /// <example><code>Console.WriteLine(info.Cluster);</code></example>
    [JsonPropertyName("cluster")] public string? Cluster { get; init; }

    /// <summary>JetStream domain, if set.</summary>
    /// <example><code>Console.WriteLine(info.Domain);</code></example>
    [JsonPropertyName("domain")] public string? Domain { get; init; }

    internal static NatsServerInfo Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, NatsProtocolJsonContext.Default.NatsServerInfo)
                ?? throw new NatsProtocolException("INFO carried null");
        }
        catch (JsonException ex)
        {
            throw new NatsProtocolException("INFO carried invalid JSON: " + ex.Message);
        }
    }
}

[JsonSerializable(typeof(NatsServerInfo))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class NatsProtocolJsonContext : JsonSerializerContext;

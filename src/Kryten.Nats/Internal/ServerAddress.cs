using System.Globalization;

namespace Kryten.Nats.Internal;

/// <summary>One entry of the server pool: where to dial and how.</summary>
internal sealed class ServerAddress
{
    private ServerAddress(string scheme, string host, int port, string? user, string? password, bool isImplicit)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        User = user;
        Password = password;
        IsImplicit = isImplicit;
    }

    public string Scheme { get; }
    public string Host { get; }
    public int Port { get; }
    public string? User { get; }
    public string? Password { get; }

    /// <summary>Discovered from INFO connect_urls rather than configured.</summary>
    public bool IsImplicit { get; }

    public bool IsTls => Scheme == "tls";
    public int FailedAttempts { get; set; }
    public string? LastAuthError { get; set; }

    /// <summary>Name to verify the TLS certificate against (the configured host name for discovered bare IPs).</summary>
    public string TlsHost { get; set; } = "";

    public string Key => $"{Host}:{Port}";

    /// <summary>URL without credentials, safe to log.</summary>
    public override string ToString() => $"{Scheme}://{Host}:{Port}";

    /// <exception cref="ArgumentException">The URL cannot be parsed.</exception>
    public static ServerAddress Parse(string url, bool isImplicit = false, string defaultScheme = "nats")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var text = url.Trim();
        var scheme = defaultScheme;
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep >= 0)
        {
            scheme = text[..sep].ToLowerInvariant();
            text = text[(sep + 3)..];
        }
        if (scheme is not ("nats" or "tls"))
            throw new ArgumentException($"unsupported scheme '{scheme}' in server URL '{Redact(url)}' (use nats:// or tls://)", nameof(url));
        text = text.TrimEnd('/');
        string? user = null, password = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = text[..at];
            text = text[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                user = Uri.UnescapeDataString(userInfo[..colon]);
                password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
            else
            {
                user = Uri.UnescapeDataString(userInfo);
            }
        }
        string host;
        var port = 4222;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new ArgumentException($"bad IPv6 host in server URL '{Redact(url)}'", nameof(url));
            host = text[1..close];
            var tail = text[(close + 1)..];
            if (tail.StartsWith(':')) port = ParsePort(tail[1..], url);
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0)
            {
                host = text[..colon];
                port = ParsePort(text[(colon + 1)..], url);
            }
            else
            {
                host = text;
            }
        }
        if (host.Length == 0) throw new ArgumentException($"server URL '{Redact(url)}' has no host", nameof(url));
        return new ServerAddress(scheme, host, port, user, password, isImplicit) { TlsHost = host };
    }

    private static int ParsePort(string text, string url) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? p
            : throw new ArgumentException($"bad port in server URL '{Redact(url)}'", nameof(url));

    /// <summary>Removes a user-info part (credentials) from a URL for display.</summary>
    public static string Redact(string url)
    {
        var sep = url.IndexOf("://", StringComparison.Ordinal);
        var start = sep >= 0 ? sep + 3 : 0;
        var at = url.LastIndexOf('@');
        return at >= start ? url[..start] + "***@" + url[(at + 1)..] : url;
    }
}

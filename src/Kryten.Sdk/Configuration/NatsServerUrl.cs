using System.Globalization;

namespace Kryten.Sdk.Configuration;

/// <summary>
/// Says exactly what is wrong with one <c>nats.servers</c> entry (scheme, host or port), or nothing when NATS.Net can
/// use it. Parsed by hand because <see cref="Uri"/> refuses a bad port and a bad scheme alike, and the user should hear
/// which. Credentials in the URL (<c>nats://user:password@host</c>) are fine.
/// </summary>
/// <remarks>
/// A message never echoes the port or the user info: <c>nats://bot:hunter2</c> (the <c>@host</c> forgotten) reads as
/// host <c>bot</c>, port <c>hunter2</c>, so a port is the one place a password can land.
/// </remarks>
internal static class NatsServerUrl
{
    private const string Example = "nats://host:4222";

    public static string? Problem(string url)
    {
        if (url.Trim().Length == 0) return $"empty (expected a URL like {Example})";
        // NATS.Net takes "a,b" in one string, and the SDK joins the entries that way; one entry per server keeps paths exact.
        if (url.Contains(',', StringComparison.Ordinal)) return "one server per entry (split the comma-separated list into entries)";
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? "" : url[..separator];
        if (scheme.Length == 0 || !scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return "no scheme (start it with nats:// or tls://)";
        if (!scheme.Equals("nats", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("tls", StringComparison.OrdinalIgnoreCase))
        {
            return $"unknown scheme '{scheme}' (use nats:// or tls://)";
        }

        var authority = url[(separator + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        if (end >= 0) authority = authority[..end];
        var hostAndPort = authority[(authority.LastIndexOf('@') + 1)..];
        string host;
        string? port = null;
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return "unclosed [ in the host (an IPv6 address goes in brackets, as in nats://[::1]:4222)";
            host = hostAndPort[..(close + 1)];
            var rest = hostAndPort[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':') return "unexpected text after the ] of the host";
            if (rest.Length > 0) port = rest[1..];
        }
        else
        {
            var colon = hostAndPort.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && hostAndPort.IndexOf(':', colon + 1) >= 0) return "an IPv6 address goes in brackets, as in nats://[::1]:4222";
            host = colon < 0 ? hostAndPort : hostAndPort[..colon];
            if (colon >= 0) port = hostAndPort[(colon + 1)..];
        }

        if (host.Length == 0) return $"no host (expected {Example})";
        // The host is whatever Uri accepts, because NATS.Net builds a Uri from the entry.
        if (!Uri.TryCreate($"nats://{host}/", UriKind.Absolute, out var hostUri) || hostUri.Host.Length == 0) return $"'{host}' is not a valid host name";
        if (port is not null)
        {
            if (port.Length == 0 || !port.All(char.IsAsciiDigit)) return $"the port is not a number (expected 1-65535 after the host, as in {Example})";
            // All digits, so TryParse fails only on overflow, which is out of range too.
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535) return "the port is out of range (1-65535)";
        }
        // Anything the parts above let through that Uri still refuses (e.g. a space in the user info).
        return Uri.TryCreate(url, UriKind.Absolute, out _) ? null : "not a valid URL (percent-encode special characters in the user and password)";
    }
}

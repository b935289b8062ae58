using System.Buffers;
using System.Collections;
using System.Text;

namespace Kryten.Nats;

/// <summary>
/// NATS message headers: ordered, multi-valued, case-sensitive keys (ADR-4), plus the optional status
/// line of the <c>NATS/1.0</c> block (e.g. <c>503</c> for no responders).
/// </summary>
/// <example>
/// <code>
/// var headers = new NatsHeaders { { "Trace-Id", "abc" }, { "Tag", "a" }, { "Tag", "b" } };
/// await connection.PublishAsync("orders", payload, headers);
/// // receiving side
/// foreach (var tag in msg.Headers!.GetValues("Tag")) Console.WriteLine(tag);
/// </code>
/// </example>
public sealed class NatsHeaders : IEnumerable<KeyValuePair<string, string>>
{
    private static readonly byte[] Version = "NATS/1.0"u8.ToArray();
    private readonly List<KeyValuePair<string, string>> _entries = [];

    /// <summary>Creates empty headers.</summary>
    /// <example><code>var headers = new NatsHeaders();</code></example>
    public NatsHeaders() { }

    /// <summary>The status code from the <c>NATS/1.0 &lt;code&gt;</c> line, or 0 when there is none.</summary>
    /// <example><code>if (msg.Headers?.StatusCode == 503) Console.WriteLine("no responders");</code></example>
    public int StatusCode { get; private set; }

    /// <summary>The description after the status code, or null.</summary>
    /// <example><code>Console.WriteLine(msg.Headers?.StatusDescription);</code></example>
    public string? StatusDescription { get; private set; }

    /// <summary>Number of header lines (a key with two values counts twice).</summary>
    /// <example><code>Console.WriteLine(headers.Count);</code></example>
    public int Count => _entries.Count;

    /// <summary>The first value of a key; setting replaces all values of that key.</summary>
    /// <param name="key">Case-sensitive header name.</param>
    /// <example><code>headers["Trace-Id"] = "abc"; Console.WriteLine(headers["Trace-Id"]);</code></example>
    /// <exception cref="KeyNotFoundException">Getting a key that is absent.</exception>
    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"header '{key}' is not present");
        set
        {
            Remove(key);
            Add(key, value);
        }
    }

    /// <summary>Appends a value (keys may repeat).</summary>
    /// <param name="key">Printable ASCII (33–126) except <c>:</c>.</param>
    /// <param name="value">Any text without CR or LF.</param>
    /// <exception cref="ArgumentException">The key or value cannot be sent.</exception>
    /// <example><code>headers.Add("Tag", "a"); headers.Add("Tag", "b");</code></example>
    public void Add(string key, string value)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException($"header value for '{key}' must not contain CR or LF", nameof(value));
        _entries.Add(new(key, value));
    }

    /// <summary>Gets the first value of a key.</summary>
    /// <param name="key">Case-sensitive header name.</param>
    /// <param name="value">The first value, when found.</param>
    /// <returns>True when the key is present.</returns>
    /// <example><code>if (headers.TryGetValue("Trace-Id", out var id)) Console.WriteLine(id);</code></example>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        foreach (var e in _entries)
        {
            if (string.Equals(e.Key, key, StringComparison.Ordinal))
            {
                value = e.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>All values of a key, in order.</summary>
    /// <param name="key">Case-sensitive header name.</param>
    /// <returns>The values; empty when absent.</returns>
    /// <example><code>foreach (var v in headers.GetValues("Tag")) Console.WriteLine(v);</code></example>
    public IReadOnlyList<string> GetValues(string key)
    {
        List<string>? values = null;
        foreach (var e in _entries)
            if (string.Equals(e.Key, key, StringComparison.Ordinal)) (values ??= []).Add(e.Value);
        return values is null ? [] : values;
    }

    /// <summary>Whether a key is present.</summary>
    /// <param name="key">Case-sensitive header name.</param>
    /// <returns>True when present.</returns>
    /// <example><code>if (headers.ContainsKey("Nats-Msg-Id")) { }</code></example>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Removes every value of a key.</summary>
    /// <param name="key">Case-sensitive header name.</param>
    /// <returns>True when something was removed.</returns>
    /// <example><code>headers.Remove("Tag");</code></example>
    public bool Remove(string key) => _entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.Ordinal)) > 0;

    /// <summary>Enumerates the header lines in order.</summary>
    /// <returns>The enumerator.</returns>
    /// <example><code>foreach (var (k, v) in headers) Console.WriteLine($"{k}: {v}");</code></example>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The header block as sent on the wire.</summary>
    /// <returns>Text such as <c>NATS/1.0\r\nTag: a\r\n\r\n</c>.</returns>
    /// <example><code>Console.WriteLine(headers.ToString());</code></example>
    public override string ToString()
    {
        var w = new ArrayBufferWriter<byte>();
        WriteTo(w);
        return Encoding.UTF8.GetString(w.WrittenSpan);
    }

    internal static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var c in key)
        {
            if (c < 33 || c > 126 || c == ':')
                throw new ArgumentException($"header key '{key}' must be printable ASCII without ':' or spaces", nameof(key));
        }
    }

    /// <summary>Writes the block (version line, lines, blank line) and returns its length.</summary>
    internal int WriteTo(IBufferWriter<byte> writer)
    {
        var total = 0;
        total += Put(writer, Version);
        if (StatusCode != 0)
        {
            total += Put(writer, " "u8);
            total += PutString(writer, StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (StatusDescription is not null)
            {
                total += Put(writer, " "u8);
                total += PutString(writer, StatusDescription);
            }
        }
        total += Put(writer, "\r\n"u8);
        foreach (var e in _entries)
        {
            total += PutString(writer, e.Key);
            total += Put(writer, ": "u8);
            total += PutString(writer, e.Value);
            total += Put(writer, "\r\n"u8);
        }
        total += Put(writer, "\r\n"u8);
        return total;
    }

    private static int Put(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        writer.Write(bytes);
        return bytes.Length;
    }

    private static int PutString(IBufferWriter<byte> writer, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var span = writer.GetSpan(max);
        var n = Encoding.UTF8.GetBytes(text, span);
        writer.Advance(n);
        return n;
    }

    /// <summary>Parses a header block received in an HMSG.</summary>
    /// <exception cref="NatsProtocolException">The block is malformed.</exception>
    internal static NatsHeaders Parse(ReadOnlySpan<byte> block)
    {
        if (!block.StartsWith(Version)) throw new NatsProtocolException("header block does not start with NATS/1.0");
        var headers = new NatsHeaders();
        var lineEnd = block.IndexOf("\r\n"u8);
        if (lineEnd < 0) throw new NatsProtocolException("header block has no CRLF after the version line");
        var status = block[Version.Length..lineEnd].Trim((byte)' ');
        if (status.Length > 0)
        {
            if (status.Length < 3 || !IsDigits(status[..3]))
                throw new NatsProtocolException("header status line has no 3-digit code");
            headers.StatusCode = (status[0] - '0') * 100 + (status[1] - '0') * 10 + (status[2] - '0');
            var desc = status[3..].Trim((byte)' ');
            if (desc.Length > 0) headers.StatusDescription = Encoding.UTF8.GetString(desc);
        }
        var rest = block[(lineEnd + 2)..];
        while (true)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (end < 0) throw new NatsProtocolException("header block does not end with a blank line");
            if (end == 0) break;
            var line = rest[..end];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) throw new NatsProtocolException("header line has no key");
            var key = Encoding.UTF8.GetString(line[..colon]);
            var value = Encoding.UTF8.GetString(line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t'));
            headers._entries.Add(new(key, value));
            rest = rest[(end + 2)..];
        }
        return headers;
    }

    private static bool IsDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s) if (b < '0' || b > '9') return false;
        return true;
    }
}

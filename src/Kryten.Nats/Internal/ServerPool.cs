namespace Kryten.Nats.Internal;

/// <summary>
/// The servers the client may use: configured ones plus those discovered from INFO connect_urls,
/// shuffled unless told not to. The connection loop is the only caller, so there is no locking.
/// </summary>
internal sealed class ServerPool
{
    private readonly List<ServerAddress> _servers = [];
    private readonly bool _noRandomize;

    public ServerPool(IReadOnlyList<string> urls, bool noRandomize)
    {
        _noRandomize = noRandomize;
        foreach (var url in urls)
        {
            var s = ServerAddress.Parse(url);
            if (!_servers.Exists(x => x.Key == s.Key)) _servers.Add(s);
        }
        if (_servers.Count == 0) _servers.Add(ServerAddress.Parse("nats://127.0.0.1:4222"));
        if (!noRandomize) Shuffle(0);
    }

    public IReadOnlyList<ServerAddress> Servers => _servers;

    /// <summary>Next server to try after <paramref name="current"/> (which moves to the end).</summary>
    public ServerAddress? Next(ServerAddress? current)
    {
        if (current is not null && _servers.Remove(current)) _servers.Add(current);
        return _servers.Count == 0 ? null : _servers[0];
    }

    public void Remove(ServerAddress server) => _servers.Remove(server);

    /// <summary>Merges INFO connect_urls; returns true when new servers were added.</summary>
    public bool Merge(IReadOnlyList<string>? connectUrls, ServerAddress? current)
    {
        if (connectUrls is null) return false;
        var scheme = current?.Scheme ?? "nats";
        var discovered = new List<ServerAddress>();
        foreach (var url in connectUrls)
        {
            try { discovered.Add(ServerAddress.Parse(url, isImplicit: true, defaultScheme: scheme)); }
            catch (ArgumentException) { }
        }
        _servers.RemoveAll(s => s.IsImplicit && s != current && !discovered.Exists(d => d.Key == s.Key));
        var added = false;
        foreach (var d in discovered)
        {
            if (_servers.Exists(s => s.Key == d.Key) || IsLoopbackAlias(d, current)) continue;
            // Like the Go client: a discovered bare IP keeps the configured host name for certificate checks.
            if (current is not null && System.Net.IPAddress.TryParse(d.Host, out _) && !System.Net.IPAddress.TryParse(current.Host, out _))
                d.TlsHost = current.TlsHost;
            _servers.Add(d);
            added = true;
        }
        if (added && !_noRandomize) Shuffle(1);
        return added;
    }

    private static bool IsLoopbackAlias(ServerAddress d, ServerAddress? current) =>
        current is not null && d.Port == current.Port && IsLocal(d.Host) && IsLocal(current.Host);

    private static bool IsLocal(string host) => host is "127.0.0.1" or "localhost" or "::1";

    private void Shuffle(int from)
    {
        for (var i = _servers.Count - 1; i > from; i--)
        {
            var j = Random.Shared.Next(from, i + 1);
            (_servers[i], _servers[j]) = (_servers[j], _servers[i]);
        }
    }
}

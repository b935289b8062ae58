using Kryten.Nats.Internal;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Internal;

public sealed class ServerPoolTests
{
    [Theory]
    [InlineData("nats://10.0.0.1:4333", "nats", "10.0.0.1", 4333)]
    [InlineData("tls://example.org", "tls", "example.org", 4222)]
    [InlineData("10.0.0.2:5000", "nats", "10.0.0.2", 5000)]
    [InlineData("nats://[::1]:4223", "nats", "::1", 4223)]
    [InlineData("nats://u:p%40ss@host:1", "nats", "host", 1)]
    public void Parses_server_urls(string url, string scheme, string host, int port)
    {
        var s = ServerAddress.Parse(url);
        (s.Scheme, s.Host, s.Port).ShouldBe((scheme, host, port));
        s.ToString().ShouldNotContain("p@ss");
    }

    [Theory]
    [InlineData("http://host:1")]
    [InlineData("nats://host:notaport")]
    [InlineData("nats://:4222")]
    public void Rejects_bad_urls_without_echoing_credentials(string url)
    {
        Should.Throw<ArgumentException>(() => ServerAddress.Parse(url));
        Should.Throw<ArgumentException>(() => ServerAddress.Parse(url.Replace("://", "://user:SECRET@", StringComparison.Ordinal)))
            .Message.ShouldNotContain("SECRET");
    }

    [Fact]
    public void Merges_discovered_urls_without_duplicates_and_drops_vanished_implicit_ones()
    {
        var pool = new ServerPool(["nats://127.0.0.1:4222"], noRandomize: true);
        var current = pool.Servers[0];
        pool.Merge(["127.0.0.1:4222", "127.0.0.1:4223", "127.0.0.1:4224"], current).ShouldBeTrue();
        pool.Servers.Select(s => s.ToString()).ShouldBe(["nats://127.0.0.1:4222", "nats://127.0.0.1:4223", "nats://127.0.0.1:4224"]);
        pool.Merge(["127.0.0.1:4222", "127.0.0.1:4224"], current).ShouldBeFalse();
        pool.Servers.Select(s => s.ToString()).ShouldBe(["nats://127.0.0.1:4222", "nats://127.0.0.1:4224"]);
        pool.Merge(null, current).ShouldBeFalse();
        pool.Servers.Count.ShouldBe(2);
    }

    [Fact]
    public void Discovered_ips_keep_the_configured_host_name_for_tls_and_the_scheme()
    {
        var pool = new ServerPool(["tls://nats.example.org:4222"], noRandomize: true);
        var current = pool.Servers[0];
        pool.Merge(["10.1.2.3:4222"], current).ShouldBeTrue();
        var discovered = pool.Servers[1];
        discovered.Scheme.ShouldBe("tls");
        discovered.TlsHost.ShouldBe("nats.example.org");
    }

    [Fact]
    public void Next_moves_the_current_server_to_the_end()
    {
        var pool = new ServerPool(["a:1", "b:2", "c:3"], noRandomize: true);
        var first = pool.Servers[0];
        pool.Next(first)!.Host.ShouldBe("b");
        pool.Servers[^1].ShouldBeSameAs(first);
    }
}

using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Configuration;

public sealed class OptionsTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["NATS_URL"] = "nats://10.0.0.5:4222",
        ["NATS_PASSWORD"] = "hunter2",
        ["CHANNEL"] = "Lounge Test",
        ["EMPTY"] = "",
    };

    private static string? Lookup(string name) => Env.GetValueOrDefault(name);

    [Fact]
    public void Yaml_loads_every_section_with_substitution()
    {
        var options = KrytenOptionsLoader.FromYaml("""
            nats:
              servers: [ "${NATS_URL}", "tls://backup:4222" ]
              user: bot
              password: ${NATS_PASSWORD}
              connect_timeout: 500ms
              connectAttempts: 5
              max-reconnect-attempts: -1
            channels:
              - { domain: cytu.be, channel: "${CHANNEL}" }
              - domain: ${DOMAIN:-example.org}
                channel: second
            serviceName: dj-bot
            handlerTimeout: 5s
            maxConcurrentHandlers: 8
            chat: { maxLength: 200, burst: 2, sustained: 0.5 }
            retry: { attempts: 4, delay: 100ms, maxDelay: 2s, jitter: 0.5 }
            subjects: { layout: legacy, legacyEventPrefix: cytube.events }
            commandTimeout: 00:00:12
            handleShutdownSignals: true
            """, Lookup);

        options.Nats.Servers.ShouldBe(["nats://10.0.0.5:4222", "tls://backup:4222"]);
        options.Nats.User.ShouldBe("bot");
        options.Nats.Password.ShouldBe("hunter2");
        options.Nats.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(500));
        options.Nats.ConnectAttempts.ShouldBe(5);
        options.Nats.MaxReconnectAttempts.ShouldBe(-1);
        options.Channels.Select(c => (c.Domain, c.Channel)).ShouldBe([("cytu.be", "Lounge Test"), ("example.org", "second")]);
        options.ServiceName.ShouldBe("dj-bot");
        options.HandlerTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.MaxConcurrentHandlers.ShouldBe(8);
        options.Chat.MaxLength.ShouldBe(200);
        options.Chat.Burst.ShouldBe(2);
        options.Chat.Sustained.ShouldBe(0.5);
        options.Retry.Attempts.ShouldBe(4);
        options.Retry.Jitter.ShouldBe(0.5);
        options.Subjects.Layout.ShouldBe(KrytenSubjectLayout.Legacy);
        options.CommandTimeout.ShouldBe(TimeSpan.FromSeconds(12));
        options.HandleShutdownSignals.ShouldBeTrue();
    }

    [Fact]
    public void Json_loads_the_same_way()
    {
        var options = KrytenOptionsLoader.FromJson("""
            {
              // comments are fine
              "nats": { "servers": ["${NATS_URL}"], "token": "${EMPTY:-tok}" },
              "channels": [ { "domain": "cytu.be", "channel": "420Grindhouse" } ],
              "handler_timeout": 7,
            }
            """, Lookup);
        options.Nats.Servers.ShouldBe(["nats://10.0.0.5:4222"]);
        options.Nats.Token.ShouldBe("tok");
        options.Channels.ShouldHaveSingleItem().Channel.ShouldBe("420Grindhouse");
        options.HandlerTimeout.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void Files_are_chosen_by_extension()
    {
        var dir = Directory.CreateTempSubdirectory("kryten-options-");
        try
        {
            var yaml = Path.Combine(dir.FullName, "bot.yml");
            File.WriteAllText(yaml, "channels:\n  - { domain: cytu.be, channel: lounge }\n");
            KrytenOptionsLoader.FromFile(yaml, Lookup).Channels.ShouldHaveSingleItem().Channel.ShouldBe("lounge");
            var json = Path.Combine(dir.FullName, "bot.json");
            File.WriteAllText(json, """{"serviceName": "x"}""");
            KrytenOptionsLoader.FromFile(json, Lookup).ServiceName.ShouldBe("x");
            Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromFile(Path.Combine(dir.FullName, "bot.toml")));
            Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromFile(Path.Combine(dir.FullName, "missing.yaml")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Loader_reports_every_problem_with_its_path()
    {
        var e = Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("""
            nats:
              servers: [ "${MISSING}" ]
              connectTimeout: soon
              colour: blue
            channels: { domain: x }
            maxConcurrentHandlers: many
            subjects: { layout: sideways }
            """, Lookup));
        e.Problems.ShouldContain("nats.servers[0]: environment variable MISSING is not set");
        e.Problems.ShouldContain(p => p.StartsWith("nats.connectTimeout: expected a duration", StringComparison.Ordinal));
        e.Problems.ShouldContain("nats.colour: unknown key");
        e.Problems.ShouldContain("channels: expected a list");
        e.Problems.ShouldContain("maxConcurrentHandlers: expected an integer, got 'many'");
        e.Problems.ShouldContain("subjects.layout: expected 'current' or 'legacy'");
        Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("a: [", Lookup)).Problems.ShouldHaveSingleItem().ShouldContain("not valid YAML");
        Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromJson("{", Lookup)).Problems.ShouldHaveSingleItem().ShouldContain("not valid JSON");
    }

    [Fact]
    public void Loading_reports_type_errors_unknown_keys_and_invalid_values_in_one_exception()
    {
        var e = Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("""
            nats:
              servers: [ "nats://host:notaport", "${MISSING}" ]
              connectTimeout: soon
              colour: blue
              reconnect_wait: later
              maxReconnectWait: 100ms
            channels:
              - { domain: "", channel: lounge }
            maxConcurrentHandlers: 0
            delivery: { mode: atLeastOnce, maxDeliveries: many }
            """, Lookup));

        // Type errors and unknown keys from binding, rule violations from validation. A value the binder could not
        // read keeps its default, so rules on it would mislead: nats.servers[1] (left empty by the missing variable)
        // is not reported again, nor is maxReconnectWait measured against the default reconnectWait.
        e.Problems.ShouldBe(
        [
            "nats.servers[1]: environment variable MISSING is not set",
            "nats.connectTimeout: expected a duration (seconds, or like 500ms, 30s, 2m, 1h, 00:00:30), got 'soon'",
            "nats.colour: unknown key",
            "nats.reconnect_wait: expected a duration (seconds, or like 500ms, 30s, 2m, 1h, 00:00:30), got 'later'",
            "delivery.maxDeliveries: expected an integer, got 'many'",
            "nats.servers[0]: the port is not a number (expected 1-65535 after the host, as in nats://host:4222)",
            "channels[0].domain: required",
            "maxConcurrentHandlers: must be at least 1",
            "delivery.durable: required for atLeastOnce (the durable consumer's name)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_one_problem_that_says_where()
    {
        Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("nats:\n  servers: [ nats://a:4222\n   user: bot\n", Lookup))
            .Problems.ShouldHaveSingleItem().ShouldBe("(file): not valid YAML at line 3, column 8: While parsing a flow sequence, did not find expected ',' or ']'.");
        Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("nats:\n  servers: [ \"nats://a:4222\"\nchannels: []\n", Lookup))
            .Problems.ShouldHaveSingleItem().ShouldBe("(file): not valid YAML after line 2, column 12: is a [ ] or { } left open?");
        Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromJson("{\n  \"nats\": { \"servers\": [\"nats://a:4222\"] }\n  \"channels\": []\n}", Lookup))
            .Problems.ShouldHaveSingleItem().ShouldBe("(file): not valid JSON at line 3, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'.");
    }

    [Fact]
    public void Client_creation_validates_and_lists_every_problem()
    {
        var options = new KrytenOptions
        {
            Nats = { Servers = ["http://x", "nats://ok:4222"], Password = "p", Token = "t", ConnectAttempts = 0 },
            Channels = [new KrytenChannelOptions { Domain = "", Channel = "tab\there" }, new KrytenChannelOptions { Channel = "" }],
            MaxConcurrentHandlers = 0,
            HandlerTimeout = TimeSpan.Zero,
            Chat = { MaxLength = 0 },
            Subjects = { CommandSubject = "kryten.*.command" },
        };
        var e = Should.Throw<KrytenConfigurationException>(() => TestClients.Create(options, new InMemoryKrytenBus()));
        e.Problems.ShouldContain("nats.servers[0]: unknown scheme 'http' (use nats:// or tls://)");
        e.Problems.ShouldNotContain(p => p.StartsWith("nats.servers[1]", StringComparison.Ordinal));
        e.Problems.ShouldContain("nats.password: set without nats.user");
        e.Problems.ShouldContain("nats.connectAttempts: must be at least 1");
        e.Problems.ShouldContain("channels[0].domain: required");
        e.Problems.ShouldContain(p => p.StartsWith("channels[0].channel: 'tab\there' normalizes to", StringComparison.Ordinal));
        e.Problems.ShouldContain("channels[1].channel: required");
        e.Problems.ShouldContain("maxConcurrentHandlers: must be at least 1");
        e.Problems.ShouldContain("handlerTimeout: must be positive");
        e.Problems.ShouldContain("chat.maxLength: from 1 to 1000 (CyTube's limit is 320 unless the server raises it, to at most 1000)");
        e.Problems.ShouldContain(p => p.StartsWith("subjects.commandSubject:", StringComparison.Ordinal));
        e.Message.ShouldContain("nats.servers[0]: unknown scheme 'http' (use nats:// or tls://)");
    }

    [Fact]
    public void Each_server_url_problem_is_named_exactly_once_without_the_password()
    {
        var options = TestClients.Options();
        options.Nats.Servers =
        [
            "nats://host:notaport",             // 0: the scheme is fine, the port is not
            "http://host:4222",                 // 1
            "nats://:4222",                     // 2
            "nats://host:0",                    // 3
            "nats://host:65536",                // 4
            "nats://bot:s3cret@host:4222",      // 5: credentials in the URL are fine
            "localhost:4222",                   // 6
            "",                                 // 7
            "nats://a:4222,nats://b:4222",      // 8
            "nats://ho st:4222",                // 9
            "nats://bot:s3cret@:4222",          // 10
            "nats://[::1]:4222",                // 11
            "tls://host",                       // 12: the port defaults to 4222
            "nats://bot:s3cret@host:port",      // 13
            "nats://bot:s3cret",                // 14: user:password without @host reads as host:port
        ];

        var problems = Should.Throw<KrytenConfigurationException>(() => TestClients.Create(options, new InMemoryKrytenBus())).Problems;

        string For(int i) => problems.Where(p => p.StartsWith($"nats.servers[{i}]:", StringComparison.Ordinal)).ShouldHaveSingleItem();
        For(0).ShouldBe("nats.servers[0]: the port is not a number (expected 1-65535 after the host, as in nats://host:4222)");
        For(1).ShouldBe("nats.servers[1]: unknown scheme 'http' (use nats:// or tls://)");
        For(2).ShouldBe("nats.servers[2]: no host (expected nats://host:4222)");
        For(3).ShouldBe("nats.servers[3]: the port is out of range (1-65535)");
        For(4).ShouldBe("nats.servers[4]: the port is out of range (1-65535)");
        For(6).ShouldBe("nats.servers[6]: no scheme (start it with nats:// or tls://)");
        For(7).ShouldBe("nats.servers[7]: empty (expected a URL like nats://host:4222)");
        For(8).ShouldBe("nats.servers[8]: one server per entry (split the comma-separated list into entries)");
        For(9).ShouldBe("nats.servers[9]: 'ho st' is not a valid host name");
        For(10).ShouldBe("nats.servers[10]: no host (expected nats://host:4222)");
        For(13).ShouldBe("nats.servers[13]: the port is not a number (expected 1-65535 after the host, as in nats://host:4222)");
        For(14).ShouldBe("nats.servers[14]: the port is not a number (expected 1-65535 after the host, as in nats://host:4222)");
        foreach (var ok in new[] { 5, 11, 12 }) problems.ShouldNotContain(p => p.StartsWith($"nats.servers[{ok}]", StringComparison.Ordinal));
        problems.ShouldAllBe(p => !p.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void Code_options_get_substitution_too()
    {
        var options = TestClients.Options("${CHANNEL}");
        options.Nats.Servers = ["${NATS_URL}"];
        options.Nats.User = "bot";
        options.Nats.Password = "${NATS_PASSWORD}";
        _ = TestClients.Create(options, new InMemoryKrytenBus(), environment: Lookup);
        options.Channels[0].Channel.ShouldBe("Lounge Test");
        options.Nats.Servers.ShouldBe(["nats://10.0.0.5:4222"]);
        options.Nats.Password.ShouldBe("hunter2");
    }

    [Fact]
    public void Duplicate_channels_are_refused()
    {
        var options = TestClients.Options("Lounge Test", "lounge-test");
        Should.Throw<KrytenConfigurationException>(() => TestClients.Create(options, new InMemoryKrytenBus()))
            .Problems.ShouldHaveSingleItem().ShouldStartWith("channels[1]: duplicate");
    }

    [Fact]
    public void Secrets_never_appear_in_ToString()
    {
        var options = TestClients.Options("lounge");
        options.Nats.Servers = ["nats://admin:s3cret@10.0.0.5:4222"];
        options.Nats.User = "bot";
        options.Nats.Password = "hunter2";
        options.Nats.Token = "tok-123";
        options.Nats.NKeySeed = "SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4";
        var text = options.ToString();
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("tok-123");
        text.ShouldNotContain("s3cret");
        text.ShouldNotContain("SUAIBD");
        text.ShouldContain("nats://***@10.0.0.5:4222");
        text.ShouldContain("lounge");
    }

    [Fact]
    public void Zero_channels_are_allowed_for_tools()
    {
        var options = TestClients.Options();
        var client = TestClients.Create(options, new InMemoryKrytenBus());
        client.Health().Channels.ShouldBeEmpty();
    }
}

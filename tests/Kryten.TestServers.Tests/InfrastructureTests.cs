using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kryten.Tests.Infrastructure;
using NATS.NKeys;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>What the infrastructure promises beyond "a client connects": signatures, claims, certificates, ports, no leaked secrets.</summary>
public sealed class InfrastructureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-infra-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Issued_JWTs_carry_an_Ed25519_signature_of_the_issuer_over_header_and_claims()
    {
        var account = NKeyIdentity.Create(PrefixByte.Account);
        var user = NKeyIdentity.Create(PrefixByte.User);

        var jwt = NatsJwtIssuer.User(user, account);

        var parts = jwt.Split('.');
        parts.Length.ShouldBe(3);
        using var issuer = KeyPair.FromPublicKey(account.PublicKey);
        issuer.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2])).ShouldBeTrue();
        var claims = NatsJwtIssuer.DecodeClaims(jwt);
        claims["iss"]!.GetValue<string>().ShouldBe(account.PublicKey);
        claims["sub"]!.GetValue<string>().ShouldBe(user.PublicKey);
        claims["nats"]!["type"]!.GetValue<string>().ShouldBe("user");
    }

    [Fact]
    public void Only_the_application_account_is_granted_JetStream()
    {
        var op = NKeyIdentity.Create(PrefixByte.Operator);
        var account = NKeyIdentity.Create(PrefixByte.Account);

        var withJs = NatsJwtIssuer.DecodeClaims(NatsJwtIssuer.Account(account, op, "APP", jetStream: true))["nats"]!["limits"]!;
        var withoutJs = NatsJwtIssuer.DecodeClaims(NatsJwtIssuer.Account(account, op, "SYS", jetStream: false))["nats"]!["limits"]!;

        withJs["disk_storage"]!.GetValue<int>().ShouldBe(-1);
        withJs["mem_storage"]!.GetValue<int>().ShouldBe(-1);
        withoutJs.AsObject().ContainsKey("disk_storage").ShouldBeFalse();
        withoutJs.AsObject().ContainsKey("mem_storage").ShouldBeFalse();
    }

    [Fact]
    public void The_operator_setup_writes_creds_files_in_the_nsc_layout()
    {
        var setup = NatsAuthSetups.Operator(_dir);

        var creds = File.ReadAllText(setup.Credentials.CredsFile!);

        creds.ShouldStartWith("-----BEGIN NATS USER JWT-----\n");
        creds.ShouldContain("------END NATS USER JWT------");
        creds.ShouldContain("-----BEGIN USER NKEY SEED-----\nSU");
        File.Exists(setup.WrongCredentials.CredsFile).ShouldBeTrue();
        setup.ServerConfig.ShouldContain("system_account: ");
    }

    [Fact]
    public void Secrets_stay_out_of_the_setups_text_forms()
    {
        foreach (var mode in Enum.GetValues<NatsAuthMode>())
        {
            var setup = NatsAuthSetups.Create(mode, _dir);
            var text = setup.ToString() + setup.Credentials + setup.WrongCredentials;
            foreach (var secret in new[] { setup.Credentials.Password, setup.Credentials.Token, setup.Credentials.NKeySeed })
            {
                if (secret is not null) text.ShouldNotContain(secret);
            }
        }

        var key = NKeyIdentity.Create(PrefixByte.User);
        key.ToString().ShouldBe(key.PublicKey);
    }

    [Fact]
    public void The_server_certificate_chains_to_the_CA_only_and_names_the_loopback_address()
    {
        var pki = TestCertificates.Create(_dir);
        using var server = Load(pki.ServerCertFile);

        ChainsTo(server, pki.CaFile).ShouldBeTrue();
        ChainsTo(server, pki.UnrelatedCaFile).ShouldBeFalse();
        server.MatchesHostname("127.0.0.1").ShouldBeTrue();
        server.MatchesHostname("localhost").ShouldBeTrue();
        using var client = Load(pki.ClientCertFile);
        ChainsTo(client, pki.CaFile).ShouldBeTrue();
        using var foreignClient = Load(pki.UnrelatedClientCertFile);
        ChainsTo(foreignClient, pki.CaFile).ShouldBeFalse();
    }

    [Fact]
    public async Task The_monitoring_port_answers_and_survives_a_restart()
    {
        await using var server = await NatsServerProcess.StartAsync(monitor: true, cancellationToken: Ct);
        using var http = new HttpClient();
        var before = await VarzPortAsync(http, server);

        await server.StopAsync();
        await server.RestartAsync(Ct);

        // nats-server opens its monitoring listener before the client port that RestartAsync waits for.
        before.ShouldBe(server.Port);
        (await VarzPortAsync(http, server)).ShouldBe(server.Port);
    }

    private static async Task<int> VarzPortAsync(HttpClient http, NatsServerProcess server)
    {
        using var varz = JsonDocument.Parse(await http.GetStringAsync($"{server.MonitorUrl}/varz", Ct));
        return varz.RootElement.GetProperty("port").GetInt32();
    }

    private static bool ChainsTo(X509Certificate2 certificate, string caFile)
    {
        using var ca = Load(caFile);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build(certificate);
    }

    private static X509Certificate2 Load(string pemFile) => X509Certificate2.CreateFromPem(File.ReadAllText(pemFile));

    private static byte[] FromBase64Url(string segment)
    {
        var padded = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}

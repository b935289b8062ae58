using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.NKeys;
using Shouldly;
using Xunit;
using static Kryten.TestServers.Tests.NatsTestClient;

namespace Kryten.TestServers.Tests;

/// <summary>Every <see cref="NatsAuthSetups"/> mode against NATS.Net: the right credentials carry traffic, wrong ones are refused.</summary>
public sealed class AuthModeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kryten-auth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<NatsAuthMode> Modes() => new(Enum.GetValues<NatsAuthMode>());

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_setup_credentials_connect_publish_and_receive(NatsAuthMode mode)
    {
        var setup = NatsAuthSetups.Create(mode, _dir);
        await using var server = await NatsServerProcess.StartAsync(extraConfig: setup.ServerConfig, cancellationToken: Ct);

        await AssertRoundTripAsync(Opts(server.Url) with { AuthOpts = AuthOpts(setup.Credentials) });
    }

    /// <summary>
    /// NATS.Net 3.3.2 wraps the server's <c>-ERR 'Authorization Violation'</c> in a plain NatsException whose message
    /// names the URL; the NatsServerException inside carries the server's text and IsAuthError.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Wrong_credentials_fail_the_connect_with_an_authorization_violation(NatsAuthMode mode)
    {
        var setup = NatsAuthSetups.Create(mode, _dir);
        await using var server = await NatsServerProcess.StartAsync(extraConfig: setup.ServerConfig, cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server.Url) with { AuthOpts = AuthOpts(setup.WrongCredentials) });

        AssertAuthorizationViolation(ex, server);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task No_credentials_fail_the_connect_with_an_authorization_violation(NatsAuthMode mode)
    {
        var setup = NatsAuthSetups.Create(mode, _dir);
        await using var server = await NatsServerProcess.StartAsync(extraConfig: setup.ServerConfig, cancellationToken: Ct);

        var ex = await ConnectFailureAsync(Opts(server.Url));

        AssertAuthorizationViolation(ex, server);
    }

    /// <summary>
    /// NATS.Net signs the nonce with the seed but sends the <c>nkey</c> field from NatsAuthOpts.NKey only, so a seed
    /// alone reaches the server without a public key and is refused; the SDK must derive the key from the seed.
    /// </summary>
    [Fact]
    public async Task An_nkey_seed_alone_is_refused_and_connects_once_the_public_key_derived_from_it_is_added()
    {
        var setup = NatsAuthSetups.NKey();
        await using var server = await NatsServerProcess.StartAsync(extraConfig: setup.ServerConfig, cancellationToken: Ct);
        var seed = setup.Credentials.NKeySeed!;

        var ex = await ConnectFailureAsync(Opts(server.Url) with { AuthOpts = NatsAuthOpts.Default with { Seed = seed } });
        AssertAuthorizationViolation(ex, server);

        using var pair = KeyPair.FromSeed(seed);
        pair.GetPublicKey().ShouldBe(setup.Credentials.NKeyPublicKey);
        await AssertRoundTripAsync(Opts(server.Url) with { AuthOpts = NatsAuthOpts.Default with { NKey = pair.GetPublicKey(), Seed = seed } });
    }

    private static void AssertAuthorizationViolation(Exception ex, NatsServerProcess server)
    {
        var inner = AssertHandshakeFailed(ex, server.Url).ShouldBeOfType<NatsServerException>();
        inner.IsAuthError.ShouldBeTrue();
        inner.Error.ShouldBe("authorization violation");
        inner.Message.ShouldBe("Server error: Authorization Violation");
    }
}

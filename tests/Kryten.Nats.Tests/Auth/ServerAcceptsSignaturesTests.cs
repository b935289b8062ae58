using System.Text.Json.Nodes;
using Kryten.Nats.Auth;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

/// <summary>
/// The auth primitives against a real nats-server over raw protocol: NKey nonce signatures and self-issued
/// operator/account/user JWTs are accepted, and forgeries are refused.
/// </summary>
public sealed class ServerAcceptsSignaturesTests
{
    [Fact]
    public async Task An_nkey_user_is_accepted_with_its_nonce_signature_and_refused_with_another_keys()
    {
        using var user = NKeyPair.Create(NKeyType.User);
        using var stranger = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: $"authorization {{ users: [ {{ nkey: {user.PublicKey} }} ] }}",
            cancellationToken: TestContext.Current.CancellationToken);

        var accepted = await RawNatsHandshake.ConnectAsync(server.Port, nonce => new JsonObject
        {
            ["nkey"] = user.PublicKey, ["sig"] = user.SignNonce(nonce!),
        });
        var forged = await RawNatsHandshake.ConnectAsync(server.Port, nonce => new JsonObject
        {
            ["nkey"] = user.PublicKey, ["sig"] = stranger.SignNonce(nonce!),
        });
        var replayed = await RawNatsHandshake.ConnectAsync(server.Port, nonce => new JsonObject
        {
            ["nkey"] = user.PublicKey, ["sig"] = user.SignNonce(nonce + "x"),
        });

        accepted.ShouldBe("PONG");
        forged.ShouldBe("-ERR 'Authorization Violation'");
        replayed.ShouldBe("-ERR 'Authorization Violation'");
    }

    [Fact]
    public async Task A_self_issued_user_JWT_is_accepted_in_operator_mode_and_one_from_an_unknown_account_is_not()
    {
        using var op = NKeyPair.Create(NKeyType.Operator);
        using var account = NKeyPair.Create(NKeyType.Account);
        using var rogueAccount = NKeyPair.Create(NKeyType.Account);
        using var user = NKeyPair.Create(NKeyType.User);
        await using var server = await NatsServerProcess.StartAsync(
            extraConfig: OperatorModeConfig(op, account),
            cancellationToken: TestContext.Current.CancellationToken);

        var userJwt = NatsJwtIssuer.User(user, account);
        var accepted = await RawNatsHandshake.ConnectAsync(server.Port, nonce => new JsonObject
        {
            ["jwt"] = userJwt, ["sig"] = user.SignNonce(nonce!),
        });
        var rogueJwt = NatsJwtIssuer.User(user, rogueAccount);
        var refused = await RawNatsHandshake.ConnectAsync(server.Port, nonce => new JsonObject
        {
            ["jwt"] = rogueJwt, ["sig"] = user.SignNonce(nonce!),
        });

        accepted.ShouldBe("PONG", server.Log);
        refused.ShouldBe("-ERR 'Authorization Violation'");
    }

    internal static string OperatorModeConfig(NKeyPair op, NKeyPair account) => $$"""
        operator: {{NatsJwtIssuer.Operator(op)}}
        resolver: MEMORY
        resolver_preload: {
          {{account.PublicKey}}: {{NatsJwtIssuer.Account(account, op)}}
        }
        """;
}

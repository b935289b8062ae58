using System.Text;
using System.Text.Json.Nodes;
using Kryten.Nats.Auth;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

/// <summary>Cross-checks NKey encoding and signatures with the official nkeys.js, in both directions, on fresh keys.</summary>
public sealed class NKeysJsInteropTests
{
    [Theory]
    [InlineData("user")]
    [InlineData("account")]
    [InlineData("operator")]
    [InlineData("server")]
    [InlineData("cluster")]
    public async Task Keys_created_by_nkeys_js_decode_to_the_same_public_key_and_signature(string jsType)
    {
        var type = Enum.Parse<NKeyType>(jsType, ignoreCase: true);
        var data = Encoding.ASCII.GetBytes("nonce-" + Guid.NewGuid().ToString("N"));
        var js = await NKeysJsPeer.AskAsync(new JsonObject
        {
            ["op"] = "create", ["type"] = jsType, ["data"] = Convert.ToBase64String(data),
        });

        using var pair = NKeyPair.FromSeed(js.GetProperty("seed").GetString()!);

        pair.Type.ShouldBe(type);
        pair.PublicKey.ShouldBe(js.GetProperty("publicKey").GetString());
        pair.Seed.ShouldBe(js.GetProperty("seed").GetString());
        NKeyPair.ToBase64Url(pair.Sign(data)).ShouldBe(js.GetProperty("sig").GetString());
    }

    [Fact]
    public async Task Keys_created_here_are_accepted_by_nkeys_js()
    {
        using var pair = NKeyPair.Create(NKeyType.User);
        var nonce = "n0nce-" + Guid.NewGuid().ToString("N");

        var derived = await NKeysJsPeer.AskAsync(new JsonObject
        {
            ["op"] = "derive", ["seed"] = pair.Seed, ["data"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(nonce)),
        });
        var verified = await NKeysJsPeer.AskAsync(new JsonObject
        {
            ["op"] = "verify", ["publicKey"] = pair.PublicKey,
            ["data"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(nonce)), ["sig"] = pair.SignNonce(nonce),
        });
        var rejected = await NKeysJsPeer.AskAsync(new JsonObject
        {
            ["op"] = "verify", ["publicKey"] = pair.PublicKey,
            ["data"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(nonce + "x")), ["sig"] = pair.SignNonce(nonce),
        });

        derived.GetProperty("publicKey").GetString().ShouldBe(pair.PublicKey);
        derived.GetProperty("sig").GetString().ShouldBe(pair.SignNonce(nonce));
        verified.GetProperty("ok").GetBoolean().ShouldBeTrue();
        rejected.GetProperty("ok").GetBoolean().ShouldBeFalse();
    }
}

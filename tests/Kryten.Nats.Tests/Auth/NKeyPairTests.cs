using System.Text;
using Kryten.Nats.Auth;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

public sealed class NKeyPairTests
{
    // Generated once with the official nkeys.js 1.1.0 (createUser, then sign("hello")); a throw-away key.
    private const string JsSeed = "SUAKEMZODRW5SDNE6TTFYPDQV7LRL3IWG4KR3EK6G43B3EB6WXA3Q6T5PU";
    private const string JsPublicKey = "UAM77AVUJKEWRRECKDHLQDV2C7ETQCPKMSD45ZOEN3G5WUNBXURN2IU7";
    private const string JsSignatureOfHello = "Y-5yuxQFhp9xvPVbLaa6Nl58BgmDo2WoD0OJfpfJoWujzm7tx4MWG0U66nX4V0axb44eyO0awlsPatuflzBrAA";

    [Fact]
    public void A_seed_from_nkeys_js_gives_the_same_public_key_and_signature()
    {
        using var pair = NKeyPair.FromSeed(JsSeed);

        pair.Type.ShouldBe(NKeyType.User);
        pair.PublicKey.ShouldBe(JsPublicKey);
        pair.Seed.ShouldBe(JsSeed);
        NKeyPair.ToBase64Url(pair.Sign("hello"u8)).ShouldBe(JsSignatureOfHello);
        pair.SignNonce("hello").ShouldBe(JsSignatureOfHello);
    }

    [Fact]
    public void Signing_matches_RFC_8032_test_vector_1()
    {
        var secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var expectedPublic = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var expectedSignature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        using var pair = NKeyPair.FromSeed(NKeyCodec.EncodeSeed(NKeyType.User, secret));

        NKeyCodec.DecodePublicKey(pair.PublicKey).PublicKey.ShouldBe(expectedPublic);
        pair.Sign([]).ShouldBe(expectedSignature);
    }

    [Fact]
    public void Signatures_verify_and_tampering_is_detected()
    {
        using var pair = NKeyPair.Create(NKeyType.User);
        var data = Encoding.ASCII.GetBytes("nonce-1234");
        var signature = pair.Sign(data);

        signature.Length.ShouldBe(64);
        pair.Verify(data, signature).ShouldBeTrue();
        pair.Verify(Encoding.ASCII.GetBytes("nonce-1235"), signature).ShouldBeFalse();
        signature[10] ^= 1;
        pair.Verify(data, signature).ShouldBeFalse();
        pair.Verify(data, signature.AsSpan(0, 63)).ShouldBeFalse();
    }

    [Fact]
    public void SignNonce_returns_86_characters_of_unpadded_base64url()
    {
        using var pair = NKeyPair.Create(NKeyType.User);

        var sig = pair.SignNonce("Zx1Q+/abc==");

        sig.Length.ShouldBe(86);
        sig.ShouldNotContain('=');
        sig.ShouldNotContain('+');
        sig.ShouldNotContain('/');
        var standard = sig.Replace('-', '+').Replace('_', '/') + "==";
        pair.Verify(Encoding.ASCII.GetBytes("Zx1Q+/abc=="), Convert.FromBase64String(standard)).ShouldBeTrue();
    }

    [Fact]
    public void Created_pairs_round_trip_through_their_seed()
    {
        using var created = NKeyPair.Create(NKeyType.Operator);
        using var restored = NKeyPair.FromSeed(created.Seed);

        created.Seed.ShouldStartWith("SO");
        created.PublicKey.ShouldStartWith("O");
        restored.PublicKey.ShouldBe(created.PublicKey);
        restored.Type.ShouldBe(NKeyType.Operator);
    }

    [Fact]
    public void Every_single_character_corruption_of_a_seed_is_rejected_without_echoing_it()
    {
        for (var i = 0; i < JsSeed.Length; i++)
        {
            var chars = JsSeed.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var corrupted = new string(chars);

            var ex = Should.Throw<ArgumentException>(() => NKeyPair.FromSeed(corrupted));

            ex.Message.ShouldNotContain(corrupted[2..20]);
            ex.Message.ShouldStartWith("The NKey seed is not valid");
        }
    }

    [Theory]
    [InlineData("", "bytes")]
    [InlineData("SUAKEMZODRW5SDNE6TTFYPDQV7LRL3IWG4KR3EK6G43B3EB6WXA3Q6T5P", "base32")]
    [InlineData("suakemzodrw5sdne6ttfypdqv7lrl3iwg4kr3ek6g43b3eb6wxa3q6t5pu", "base32")]
    [InlineData("UAM77AVUJKEWRRECKDHLQDV2C7ETQCPKMSD45ZOEN3G5WUNBXURN2IU7", "bytes")]
    public void Malformed_seeds_give_a_clear_ArgumentException(string seed, string reason)
    {
        var ex = Should.Throw<ArgumentException>(() => NKeyPair.FromSeed(seed));

        ex.ParamName.ShouldBe("seed");
        ex.Message.ShouldContain(reason);
    }

    [Fact]
    public void A_seed_with_a_valid_checksum_but_no_S_marker_is_rejected()
    {
        // A correctly checksummed 36-byte value whose first byte is not the seed marker.
        var raw = new byte[36];
        raw[0] = (byte)NKeyType.User;
        var crc = Crc16XModem.Compute(raw.AsSpan(0, 34));
        raw[34] = (byte)crc;
        raw[35] = (byte)(crc >> 8);

        var ex = Should.Throw<ArgumentException>(() => NKeyPair.FromSeed(Base32NoPadding.Encode(raw)));

        ex.Message.ShouldContain("seed marker");
    }

    [Fact]
    public void Dispose_clears_the_seed_and_ToString_shows_only_the_public_key()
    {
        var pair = NKeyPair.FromSeed(JsSeed);
        pair.ToString().ShouldBe($"User {JsPublicKey}");

        pair.Dispose();

        Should.Throw<ObjectDisposedException>(() => pair.Sign("x"u8));
        Should.Throw<ObjectDisposedException>(() => pair.Seed);
        pair.Verify("hello"u8, Convert.FromBase64String(JsSignatureOfHello.Replace('-', '+').Replace('_', '/') + "==")).ShouldBeTrue();
    }
}

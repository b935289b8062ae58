using System.Text;
using Kryten.Nats.Auth;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

public sealed class NKeyCodecTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_matches_the_RFC_4648_vectors_without_padding(string plain, string encoded)
    {
        Base32NoPadding.Encode(Encoding.ASCII.GetBytes(plain)).ShouldBe(encoded);
        Base32NoPadding.TryDecode(encoded, out var decoded).ShouldBeTrue();
        Encoding.ASCII.GetString(decoded).ShouldBe(plain);
    }

    [Theory]
    [InlineData("MZXW6===")]
    [InlineData("mzxw6")]
    [InlineData("MZXW1")]
    [InlineData("M")]
    [InlineData("MZX")]
    public void Base32_rejects_padding_lower_case_foreign_characters_and_impossible_lengths(string text)
    {
        Base32NoPadding.TryDecode(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Crc16_is_XMODEM_with_the_standard_check_value()
    {
        Crc16XModem.Compute("123456789"u8).ShouldBe((ushort)0x31C3);
        Crc16XModem.Compute([]).ShouldBe((ushort)0);
    }

    [Theory]
    [InlineData("User", 'U')]
    [InlineData("Account", 'A')]
    [InlineData("Operator", 'O')]
    [InlineData("Server", 'N')]
    [InlineData("Cluster", 'C')]
    public void Seeds_and_public_keys_carry_their_type_letter_and_round_trip(string typeName, char letter)
    {
        var type = Enum.Parse<NKeyType>(typeName);
        var key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

        var seed = NKeyCodec.EncodeSeed(type, key);
        var publicKey = NKeyCodec.EncodePublicKey(type, key);

        seed.Length.ShouldBe(58);
        seed[..2].ShouldBe($"S{letter}");
        publicKey.Length.ShouldBe(56);
        publicKey[0].ShouldBe(letter);
        var decodedSeed = NKeyCodec.DecodeSeed(seed);
        decodedSeed.Type.ShouldBe(type);
        decodedSeed.Seed.ShouldBe(key);
        var decodedPublic = NKeyCodec.DecodePublicKey(publicKey);
        decodedPublic.Type.ShouldBe(type);
        decodedPublic.PublicKey.ShouldBe(key);
    }

    [Fact]
    public void The_checksum_is_little_endian_CRC16_over_prefix_and_key()
    {
        var key = new byte[32];
        var publicKey = NKeyCodec.EncodePublicKey(NKeyType.User, key);
        Base32NoPadding.TryDecode(publicKey, out var raw).ShouldBeTrue();

        var crc = Crc16XModem.Compute(raw.AsSpan(0, 33));
        raw[33].ShouldBe((byte)(crc & 0xFF));
        raw[34].ShouldBe((byte)(crc >> 8));
    }
}

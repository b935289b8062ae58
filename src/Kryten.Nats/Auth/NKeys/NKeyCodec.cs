using System.Buffers.Binary;

namespace Kryten.Nats.Auth;

/// <summary>
/// The NKeys text form: base32(prefix + key + CRC16 little-endian). Public keys carry one prefix byte
/// (the key type); seeds carry two bytes that pack the seed marker <c>S</c> with the key type.
/// </summary>
/// <remarks>Error messages describe what is wrong and never include the text, since it may be a seed.</remarks>
internal static class NKeyCodec
{
    public const int KeyLength = 32;

    private const byte SeedPrefix = 18 << 3;
    private const int PublicRawLength = 1 + KeyLength + 2;
    private const int SeedRawLength = 2 + KeyLength + 2;

    public static string EncodePublicKey(NKeyType type, ReadOnlySpan<byte> publicKey)
    {
        Span<byte> raw = stackalloc byte[PublicRawLength];
        raw[0] = (byte)type;
        publicKey.CopyTo(raw[1..]);
        AppendChecksum(raw);
        return Base32NoPadding.Encode(raw);
    }

    public static string EncodeSeed(NKeyType type, ReadOnlySpan<byte> seed)
    {
        Span<byte> raw = stackalloc byte[SeedRawLength];
        try
        {
            raw[0] = (byte)(SeedPrefix | ((byte)type >> 5));
            raw[1] = (byte)(((byte)type & 31) << 3);
            seed.CopyTo(raw[2..]);
            AppendChecksum(raw);
            return Base32NoPadding.Encode(raw);
        }
        finally
        {
            raw.Clear();
        }
    }

    /// <summary>Decodes an encoded seed into its key type and the 32-byte Ed25519 seed (caller clears it).</summary>
    /// <exception cref="ArgumentException">The text is not a valid NKey seed.</exception>
    public static (NKeyType Type, byte[] Seed) DecodeSeed(string encoded)
    {
        var raw = DecodeChecked(encoded, SeedRawLength, "seed");
        try
        {
            if ((raw[0] & 0xF8) != SeedPrefix)
            {
                throw Invalid("seed", "it does not start with the seed marker 'S'");
            }

            var typeByte = (byte)(((raw[0] & 7) << 5) | ((raw[1] & 0xF8) >> 3));
            if (!IsKnownType(typeByte))
            {
                throw Invalid("seed", "its key type is not user, account, operator, server or cluster");
            }

            return ((NKeyType)typeByte, raw.AsSpan(2, KeyLength).ToArray());
        }
        finally
        {
            Array.Clear(raw);
        }
    }

    /// <summary>Decodes an encoded public key into its type and the 32-byte Ed25519 public key.</summary>
    /// <exception cref="ArgumentException">The text is not a valid NKey public key.</exception>
    public static (NKeyType Type, byte[] PublicKey) DecodePublicKey(string encoded)
    {
        var raw = DecodeChecked(encoded, PublicRawLength, "public key");
        if (!IsKnownType(raw[0]))
        {
            throw Invalid("public key", "its key type is not user, account, operator, server or cluster");
        }

        return ((NKeyType)raw[0], raw.AsSpan(1, KeyLength).ToArray());
    }

    private static byte[] DecodeChecked(string encoded, int rawLength, string what)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!Base32NoPadding.TryDecode(encoded.AsSpan().Trim(), out var raw))
        {
            throw Invalid(what, "it is not base32 (A-Z, 2-7)");
        }

        if (raw.Length != rawLength)
        {
            Array.Clear(raw);
            throw Invalid(what, $"it decodes to {raw.Length} bytes instead of {rawLength}");
        }

        var expected = Crc16XModem.Compute(raw.AsSpan(0, rawLength - 2));
        if (BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(rawLength - 2)) != expected)
        {
            Array.Clear(raw);
            throw Invalid(what, "its checksum does not match");
        }

        return raw;
    }

    private static void AppendChecksum(Span<byte> raw)
    {
        var crc = Crc16XModem.Compute(raw[..^2]);
        BinaryPrimitives.WriteUInt16LittleEndian(raw[^2..], crc);
    }

    private static bool IsKnownType(byte type) =>
        (NKeyType)type is NKeyType.Account or NKeyType.Cluster or NKeyType.Server or NKeyType.Operator or NKeyType.User;

    private static ArgumentException Invalid(string what, string reason) =>
        new($"The NKey {what} is not valid: {reason}.", what == "seed" ? "seed" : "publicKey");
}

using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Kryten.Nats.Auth;

/// <summary>
/// An NKey: an Ed25519 key pair whose seed and public key travel in the NKeys text form
/// (<c>SU…</c> seeds, <c>U…</c> public keys for users). Signs the server nonce for NKey and JWT auth.
/// </summary>
/// <remarks>
/// Holds the 32-byte seed and clears it on <see cref="Dispose"/>. The Ed25519 arithmetic is BouncyCastle's
/// RFC 8032 implementation. Nothing here ever puts seed material into an exception message or <see cref="ToString"/>.
/// </remarks>
internal sealed class NKeyPair : IDisposable
{
    /// <summary>Length of an Ed25519 signature in bytes.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _seed;
    private readonly byte[] _publicKey;
    private bool _disposed;

    private NKeyPair(NKeyType type, byte[] seed)
    {
        Type = type;
        _seed = seed;
        _publicKey = new byte[NKeyCodec.KeyLength];
        Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        PublicKey = NKeyCodec.EncodePublicKey(type, _publicKey);
    }

    /// <summary>The key's role (user, account, operator, server, cluster).</summary>
    public NKeyType Type { get; }

    /// <summary>The encoded public key, e.g. <c>U…</c> (56 characters); safe to log.</summary>
    public string PublicKey { get; }

    /// <summary>The encoded seed (<c>S…</c>, 58 characters). A secret: never log it.</summary>
    /// <exception cref="ObjectDisposedException">The pair was disposed.</exception>
    public string Seed
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return NKeyCodec.EncodeSeed(Type, _seed);
        }
    }

    /// <summary>Decodes an encoded seed (checksum, seed marker and key type are verified).</summary>
    /// <exception cref="ArgumentException">The seed is malformed; the message never repeats it.</exception>
    public static NKeyPair FromSeed(string seed)
    {
        var (type, raw) = NKeyCodec.DecodeSeed(seed);
        return new NKeyPair(type, raw);
    }

    /// <summary>Creates a pair from a fresh random seed (tests, and generating keys for server configs).</summary>
    public static NKeyPair Create(NKeyType type)
    {
        var seed = new byte[NKeyCodec.KeyLength];
        RandomNumberGenerator.Fill(seed);
        return new NKeyPair(type, seed);
    }

    /// <summary>Signs <paramref name="data"/> with Ed25519 and returns the 64-byte signature.</summary>
    /// <exception cref="ObjectDisposedException">The pair was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var message = data.ToArray();
        var signature = new byte[SignatureLength];
        Ed25519.Sign(_seed, 0, message, 0, message.Length, signature, 0);
        return signature;
    }

    /// <summary>
    /// Signs the server's INFO <c>nonce</c> for CONNECT: the nonce's ASCII bytes as sent (not base64-decoded),
    /// returned as unpadded base64url (86 characters), the form the server expects in <c>sig</c>.
    /// </summary>
    public string SignNonce(string nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        return ToBase64Url(Sign(Encoding.ASCII.GetBytes(nonce)));
    }

    /// <summary>True when <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        return Ed25519.Verify(signature.ToArray(), 0, _publicKey, 0, data.ToArray(), 0, data.Length);
    }

    /// <summary>Unpadded base64url, the encoding of NATS signatures and JWT segments.</summary>
    public static string ToBase64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Clears the seed; the pair can still verify but no longer sign or reveal its seed.</summary>
    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_seed);
    }

    /// <summary>The type and public key only.</summary>
    public override string ToString() => $"{Type} {PublicKey}";
}

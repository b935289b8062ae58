using NATS.NKeys;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// An NKey as the two strings tests pass around: the public key the server is told about and the seed the client
/// (or the JWT issuer) holds. The NATS.NKeys <see cref="KeyPair"/> is rebuilt from the seed for each signature, so a
/// setup holds no disposable key material.
/// </summary>
public sealed record NKeyIdentity(string PublicKey, string Seed)
{
    public static NKeyIdentity Create(PrefixByte type)
    {
        using var pair = KeyPair.CreatePair(type);
        return new NKeyIdentity(pair.GetPublicKey(), pair.GetSeed());
    }

    /// <summary>The Ed25519 signature of <paramref name="data"/> made with this key's seed.</summary>
    public byte[] Sign(byte[] data)
    {
        using var pair = KeyPair.FromSeed(Seed);
        var signature = new byte[64];
        pair.Sign(data, signature);
        return signature;
    }

    /// <summary>Keeps the seed out of test output and assertion messages.</summary>
    public override string ToString() => PublicKey;
}

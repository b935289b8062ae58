using System.Security.Cryptography;

namespace Kryten.Nats.Internal;

/// <summary>
/// NUID: 22 base62 chars, a 12-char crypto-random prefix plus a 10-char sequence advanced by a random
/// increment. One generator per thread, so no lock and no allocation besides the result string.
/// </summary>
internal sealed class Nuid
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int PrefixLength = 12;
    private const int SequenceLength = 10;
    internal const long MaxSequence = 839299365868340224L; // 62^10
    private const long MinIncrement = 33;
    private const long MaxIncrement = 333;

    [ThreadStatic] private static Nuid? t_current;

    private readonly char[] _prefix = new char[PrefixLength];
    private long _sequence;
    private long _increment;

    internal Nuid()
    {
        RandomizePrefix();
        ResetSequence();
    }

    internal Nuid(long sequence, long increment) : this()
    {
        _sequence = sequence;
        _increment = increment;
    }

    /// <summary>A fresh NUID from this thread's generator.</summary>
    public static string Next() => (t_current ??= new Nuid()).NextValue();

    internal string Prefix => new(_prefix);

    internal string NextValue()
    {
        _sequence += _increment;
        if (_sequence >= MaxSequence)
        {
            RandomizePrefix();
            ResetSequence();
        }
        return string.Create(PrefixLength + SequenceLength, this, static (span, self) =>
        {
            self._prefix.CopyTo(span);
            var seq = self._sequence;
            for (var i = span.Length - 1; i >= PrefixLength; i--)
            {
                span[i] = Digits[(int)(seq % 62)];
                seq /= 62;
            }
        });
    }

    private void RandomizePrefix()
    {
        Span<byte> bytes = stackalloc byte[PrefixLength];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < PrefixLength; i++) _prefix[i] = Digits[bytes[i] % 62];
    }

    private void ResetSequence()
    {
        _sequence = Random.Shared.NextInt64(MaxSequence);
        _increment = Random.Shared.NextInt64(MinIncrement, MaxIncrement);
    }
}

namespace Kryten.Nats.Auth;

/// <summary>RFC 4648 base32 with the standard alphabet (A–Z, 2–7) and no padding, as NKeys use it.</summary>
internal static class Base32NoPadding
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars);
    }

    /// <summary>Decodes <paramref name="text"/>; false on a character outside the alphabet or an impossible length.</summary>
    /// <remarks>The caller owns (and should clear) <paramref name="bytes"/>: it may hold a secret seed.</remarks>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        // 1, 3 and 6 trailing characters cannot come from whole bytes.
        if ((text.Length % 8) is 1 or 3 or 6)
        {
            bytes = [];
            return false;
        }

        var result = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var c in text)
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (value < 0)
            {
                Array.Clear(result);
                bytes = [];
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result[index++] = (byte)(buffer >> bits);
            }
        }

        buffer = 0;
        bytes = result;
        return true;
    }
}

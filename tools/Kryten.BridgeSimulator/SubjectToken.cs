using System.Text;

namespace Kryten.BridgeSimulator;

/// <summary>
/// The bridge's <c>normalize_token</c> (wire-contract §1.2), for building event subjects. Lowercasing uses .NET's
/// invariant mapping, which differs from Python's full Unicode mapping only for a few letters (final sigma, dotted I):
/// good enough for a simulator, not for the SDK.
/// </summary>
internal static class SubjectToken
{
    private const string Removed = "!@#$%^&*()+=[]{|}\\:;\"'<>,?/.";
    private const int MaxCodePoints = 100;

    public static string Normalize(string token)
    {
        var text = new StringBuilder(token.Length);
        var codePoints = 0;
        foreach (var rune in token.ToLowerInvariant().EnumerateRunes())
        {
            if (codePoints == MaxCodePoints) break;
            if (rune.Value == ' ') text.Append('-');
            else if (rune.IsAscii && Removed.Contains((char)rune.Value, StringComparison.Ordinal)) continue;
            else text.Append(rune.ToString());
            codePoints++;
        }
        return text.ToString();
    }

    /// <summary><c>kryten.events.cytube.{norm(channel)}.{norm(event)}</c>: the domain is not part of the subject.</summary>
    public static string EventSubject(string channel, string eventName) =>
        "kryten.events.cytube." + Normalize(channel) + "." + Normalize(eventName);
}

using System.Globalization;
using System.Text;

namespace Kryten.Sdk;

/// <summary>
/// The bridge's subject rules (wire-contract §1.2): <c>normalize_token</c> exactly as Kryten-Robot runs it,
/// plus the NATS validity check the bridge forgets to make.
/// </summary>
/// <example>
/// <code>
/// KrytenSubjects.Normalize("Lounge Test");                 // "lounge-test"
/// KrytenSubjects.Normalize("İstanbul");                    // "i̇stanbul" (Python full lowercasing)
/// KrytenSubjects.EventSubject("kryten.events.cytube", "420Grindhouse", "chatMsg");
/// // "kryten.events.cytube.420grindhouse.chatmsg"
/// </code>
/// </example>
public static class KrytenSubjects
{
    /// <summary>Longest token the bridge keeps, in code points (Python <c>str</c> length).</summary>
    public const int MaxTokenCodePoints = 100;

    private const string RemovedCharacters = "!@#$%^&*()+=[]{|}\\:;\"'<>,?/.";

    /// <summary>
    /// Runs the bridge's <c>normalize_token</c>: Python full-Unicode lowercasing, remove <c>.</c>, space → <c>-</c>,
    /// remove <c>* &gt;</c> and the 27 special characters, keep the first 100 code points.
    /// The result may still be an invalid NATS token (empty, tabs, newlines); see <see cref="IsValidNatsToken"/>.
    /// </summary>
    /// <param name="token">A channel, domain or event name; null or empty gives "".</param>
    /// <example><code>KrytenSubjects.Normalize("a-b_c.d e/f\\g"); // "a-b_cd-efg"</code></example>
    public static string Normalize(string? token)
    {
        if (string.IsNullOrEmpty(token)) return "";
        if (IsAlreadyNormal(token)) return token;
        var lowered = PythonLower(token);
        var result = new StringBuilder(lowered.Length);
        var codePoints = 0;
        for (var i = 0; i < lowered.Length && codePoints < MaxTokenCodePoints; i++)
        {
            var c = lowered[i];
            if (c == ' ')
            {
                result.Append('-');
                codePoints++;
                continue;
            }
            if (RemovedCharacters.Contains(c, StringComparison.Ordinal)) continue;
            result.Append(c);
            if (char.IsHighSurrogate(c) && i + 1 < lowered.Length && char.IsLowSurrogate(lowered[i + 1]))
            {
                result.Append(lowered[++i]);
            }
            codePoints++;
        }
        return result.ToString();
    }

    /// <summary>
    /// True when <paramref name="token"/> can be one NATS subject token: non-empty, and without space, tab,
    /// CR, LF, <c>.</c>, <c>*</c> or <c>&gt;</c>.
    /// </summary>
    /// <example><code>KrytenSubjects.IsValidNatsToken("tab\there"); // false</code></example>
    public static bool IsValidNatsToken(string token) =>
        token.Length > 0 && token.AsSpan().IndexOfAny(" \t\r\n.*>") < 0;

    /// <summary>Normalizes and checks a token; throws <see cref="KrytenSubjectException"/> when the bridge's result is not a usable NATS token.</summary>
    /// <param name="token">The raw channel, domain or event name.</param>
    /// <param name="role">What the token is (<c>channel</c>, <c>event</c>), for the error message.</param>
    /// <example><code>string token = KrytenSubjects.NormalizeToken("Lounge Test", "channel"); // "lounge-test"</code></example>
    public static string NormalizeToken(string token, string role)
    {
        var normalized = Normalize(token);
        if (!IsValidNatsToken(normalized))
        {
            throw new KrytenSubjectException(token, normalized.Length == 0
                ? $"{role} '{token}' is empty after normalization"
                : $"{role} '{token}' normalizes to '{normalized}', which is not a valid NATS subject token");
        }
        return normalized;
    }

    /// <summary>The subject the bridge publishes an event on: <c>{prefix}.{normalize(channel)}.{normalize(event)}</c>.</summary>
    /// <param name="prefix">Event subject prefix, normally <c>kryten.events.cytube</c>.</param>
    /// <param name="channel">The channel as configured (raw).</param>
    /// <param name="eventName">The CyTube event name (any case).</param>
    /// <example><code>KrytenSubjects.EventSubject("kryten.events.cytube", "Lounge Test", "userJoin"); // "kryten.events.cytube.lounge-test.userjoin"</code></example>
    public static string EventSubject(string prefix, string channel, string eventName) =>
        $"{prefix}.{NormalizeToken(channel, "channel")}.{NormalizeToken(eventName, "event")}";

    // Fast path: pure lower-case ASCII with nothing to remove is its own normal form (most real channels).
    private static bool IsAlreadyNormal(string token)
    {
        if (token.Length > MaxTokenCodePoints) return false;
        foreach (var c in token)
        {
            if (c >= 0x80 || c == ' ' || char.IsAsciiLetterUpper(c) || RemovedCharacters.Contains(c, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    // Python's str.lower(): full case mapping (İ → i + U+0307) and the Final_Sigma context rule,
    // which .NET's invariant lowering does not apply.
    private static string PythonLower(string s)
    {
        var sb = new StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length;)
        {
            var rune = ReadRune(s, i, out var width);
            if (rune.Value == 0x0130)
            {
                sb.Append("i\u0307");
            }
            else if (rune.Value == 0x03A3)
            {
                sb.Append(IsFinalSigma(s, i, width) ? 'ς' : 'σ');
            }
            else
            {
                AppendRune(sb, Rune.ToLowerInvariant(rune), s, i, width);
            }
            i += width;
        }
        return sb.ToString();
    }

    private static void AppendRune(StringBuilder sb, Rune rune, string source, int index, int width)
    {
        if (width == 1 && char.IsSurrogate(source[index]))
        {
            sb.Append(source[index]);   // a lone surrogate survives unchanged, as in Python
            return;
        }
        Span<char> buffer = stackalloc char[2];
        var written = rune.EncodeToUtf16(buffer);
        sb.Append(buffer[..written]);
    }

    private static Rune ReadRune(string s, int index, out int width)
    {
        if (Rune.TryGetRuneAt(s, index, out var rune))
        {
            width = rune.Utf16SequenceLength;
            return rune;
        }
        width = 1;
        return Rune.ReplacementChar;
    }

    // Unicode Final_Sigma: preceded by a cased letter (skipping case-ignorables) and not followed by one.
    private static bool IsFinalSigma(string s, int index, int width)
    {
        var before = false;
        for (var j = index - 1; j >= 0; j--)
        {
            if (char.IsLowSurrogate(s[j]) && j > 0 && char.IsHighSurrogate(s[j - 1])) j--;
            var r = ReadRune(s, j, out _);
            if (IsCaseIgnorable(r)) continue;
            before = IsCased(r);
            break;
        }
        if (!before) return false;
        for (var j = index + width; j < s.Length;)
        {
            var r = ReadRune(s, j, out var w);
            if (IsCaseIgnorable(r))
            {
                j += w;
                continue;
            }
            return !IsCased(r);
        }
        return true;
    }

    private static bool IsCased(Rune r)
    {
        var cat = Rune.GetUnicodeCategory(r);
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            || Rune.ToLowerInvariant(r) != r || Rune.ToUpperInvariant(r) != r;
    }

    private static bool IsCaseIgnorable(Rune r)
    {
        switch (r.Value)
        {
            case '\'' or '.' or ':' or '^' or '`' or 0x00A8 or 0x00AD or 0x00AF or 0x00B4 or 0x00B7 or 0x00B8
                or 0x0387 or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55
                or 0xFF07 or 0xFF0E or 0xFF1A:
                return true;
        }
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
    }
}

namespace Kryten.Sdk.Wire;

/// <summary>
/// NATS subject matching: <c>*</c> matches one token, a final <c>&gt;</c> one or more. A subject may itself end in
/// <c>&gt;</c>, so the same rule tells whether a stream's subject covers a subscription's.
/// </summary>
internal static class SubjectPattern
{
    public static bool Matches(string pattern, string subject)
    {
        var p = pattern.Split('.');
        var s = subject.Split('.');
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == ">") return i == p.Length - 1 && s.Length > i;
            if (i >= s.Length) return false;
            if (p[i] == "*" ? s[i] == ">" : !string.Equals(p[i], s[i], StringComparison.Ordinal)) return false;
        }
        return p.Length == s.Length;
    }
}

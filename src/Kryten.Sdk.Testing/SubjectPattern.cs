namespace Kryten.Sdk.Testing;

/// <summary>NATS subject matching: <c>*</c> matches one token, a final <c>&gt;</c> one or more.</summary>
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
            if (p[i] != "*" && !string.Equals(p[i], s[i], StringComparison.Ordinal)) return false;
        }
        return p.Length == s.Length;
    }
}

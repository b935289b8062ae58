using System.Text;

namespace Kryten.Sdk.Generators.Schema.Binding;

/// <summary>The bridge's <c>normalize_token</c> (wire-contract §1.2) for the ASCII event names of a schema.</summary>
internal static class SubjectToken
{
    private const string Removed = "!@#$%^&*()+=[]{|}\\:;\"'<>,?/.";

    public static string Normalize(string token)
    {
        var builder = new StringBuilder(token.Length);
        foreach (var c in token.ToLowerInvariant())
        {
            if (c == ' ')
            {
                builder.Append('-');
            }
            else if (Removed.IndexOf(c) < 0)
            {
                builder.Append(c);
            }
        }

        return builder.Length > 100 ? builder.ToString(0, 100) : builder.ToString();
    }
}

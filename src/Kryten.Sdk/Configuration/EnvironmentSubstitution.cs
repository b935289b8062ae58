using System.Text;

namespace Kryten.Sdk.Configuration;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> (default when unset or empty); <c>$${</c> is a literal <c>${</c>.
/// An unset variable without default is a problem reported with the value's path.
/// </summary>
internal static class EnvironmentSubstitution
{
    public static string? Expand(string? value, string path, Func<string, string?> environment, List<string> problems)
    {
        if (value is null || !value.Contains("${", StringComparison.Ordinal)) return value;
        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '$' && i + 2 < value.Length && value[i + 1] == '$' && value[i + 2] == '{')
            {
                sb.Append("${");
                i += 3;
                continue;
            }
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                var close = value.IndexOf('}', i + 2);
                if (close < 0)
                {
                    problems.Add($"{path}: unterminated ${{ in '{value}'");
                    return value;
                }
                var body = value[(i + 2)..close];
                var sep = body.IndexOf(":-", StringComparison.Ordinal);
                var name = sep >= 0 ? body[..sep] : body;
                var resolved = environment(name);
                if (sep >= 0 && string.IsNullOrEmpty(resolved)) resolved = body[(sep + 2)..];
                if (resolved is null)
                {
                    problems.Add($"{path}: environment variable {name} is not set");
                    resolved = "";
                }
                sb.Append(resolved);
                i = close + 1;
                continue;
            }
            sb.Append(value[i++]);
        }
        return sb.ToString();
    }
}

namespace Kryten.Samples.SeenService;

/// <summary>
/// The one normalization of a user name: the bucket key is the name in lower case, because CyTube compares names
/// case-insensitively. CyTube names are 1 to 20 ASCII letters, digits, <c>_</c> and <c>-</c>, all valid KV key
/// characters; anything else (the <c>[server]</c> and <c>[voteskip]</c> chat lines) is nobody the service records.
/// </summary>
internal static class SeenNames
{
    private const int MaxLength = 20;

    public static bool TryKey(string name, out string key)
    {
        var isName = name.Length is > 0 and <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        key = isName ? name.ToLowerInvariant() : string.Empty;
        return isName;
    }
}

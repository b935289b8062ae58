namespace Kryten.Sdk.Commands;

/// <summary>
/// Splits outgoing chat at word boundaries so no piece exceeds CyTube's limit (counted in UTF-16 units, as
/// CyTube's JavaScript counts). A word longer than the limit is cut, never inside a surrogate pair.
/// </summary>
internal static class ChatSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        if (text.Length <= maxLength) return [text];
        var pieces = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > maxLength)
        {
            var window = rest[..(maxLength + 1)];
            var cut = window.LastIndexOfAny(' ', '\n', '\t');
            if (cut <= 0)
            {
                cut = maxLength;
                if (char.IsHighSurrogate(rest[cut - 1])) cut--;
            }
            pieces.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0) pieces.Add(rest.ToString());
        return pieces;
    }
}

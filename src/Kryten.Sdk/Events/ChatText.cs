using System.Net;
using System.Text;

namespace Kryten.Sdk;

/// <summary>
/// Reads what a user typed out of the HTML CyTube sends: chat (<see cref="Events.ChatMessage.Msg"/>), PMs, poll titles
/// and options. CyTube escapes the typed text (<c>&amp; &lt; &gt; " ' ( )</c> become entities), wraps links in
/// <c>&lt;a&gt;</c> tags and lets channel filters add tags (bold, spoilers, greentext); so every <c>&lt;</c> in the
/// message starts a tag, and removing tags then decoding entities gives back the text.
/// </summary>
/// <example>
/// <code>
/// string text = ChatText.ToPlainText("""!queue &lt;a href="https://youtu.be/x" target="_blank"&gt;https://youtu.be/x&lt;/a&gt;""");
/// // text == "!queue https://youtu.be/x"
/// </code>
/// </example>
public static class ChatText
{
    /// <summary>The text a user typed: tags removed, entities decoded, surrounding white space trimmed.</summary>
    /// <param name="html">Chat HTML as CyTube sends it.</param>
    /// <returns>The plain text.</returns>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains('<') && !html.Contains('&')) return html.Trim();
        var text = new StringBuilder(html.Length);
        var rest = html.AsSpan();
        while (true)
        {
            var open = rest.IndexOf('<');
            var close = open < 0 ? -1 : rest[open..].IndexOf('>');
            if (close < 0)
            {
                text.Append(rest);   // no tag left (a lone '<' is not a tag: keep it)
                break;
            }
            text.Append(rest[..open]);
            rest = rest[(open + close + 1)..];
        }
        return WebUtility.HtmlDecode(text.ToString()).Trim();
    }
}

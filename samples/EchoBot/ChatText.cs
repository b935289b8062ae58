using System.Net;
using System.Text.RegularExpressions;

namespace Kryten.Samples.EchoBot;

/// <summary>
/// CyTube sends chat as HTML: entities escaped and links turned into anchors
/// (<c>&lt;a href="https://…"&gt;https://…&lt;/a&gt;</c>). Commands are read from the text a user typed.
/// </summary>
internal static partial class ChatText
{
    public static string ToPlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, "")).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}

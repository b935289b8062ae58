namespace Kryten.Sdk;

/// <summary>How secrets look in logs and <c>ToString()</c>: never the value itself.</summary>
internal static class KrytenRedaction
{
    public static string Secret(string? value) => string.IsNullOrEmpty(value) ? "-" : "***";

    /// <summary>Drops <c>user:password@</c> from a URL.</summary>
    public static string Url(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        return scheme >= 0 && at > scheme ? url[..(scheme + 3)] + "***@" + url[(at + 1)..] : url;
    }
}

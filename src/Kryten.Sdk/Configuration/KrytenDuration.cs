using System.Globalization;

namespace Kryten.Sdk.Configuration;

/// <summary>
/// Durations in configuration files: a number of seconds, a number with <c>ms</c>/<c>s</c>/<c>m</c>/<c>h</c>,
/// <c>hh:mm:ss</c>, or <c>infinite</c> (<see cref="Timeout.InfiniteTimeSpan"/>, where a setting allows it).
/// </summary>
internal static class KrytenDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        if (text.Equals("infinite", StringComparison.OrdinalIgnoreCase))
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1),
            _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], 60),
            _ when text.EndsWith('h') || text.EndsWith('H') => (text[..^1], 3600),
            _ => (text, 1),
        };
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && double.IsFinite(amount))
        {
            value = TimeSpan.FromSeconds(amount * scale);
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}

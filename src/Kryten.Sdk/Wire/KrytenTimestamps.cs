using System.Globalization;

namespace Kryten.Sdk;

/// <summary>
/// Instants in the form the bridge and kryten-py write them (wire-contract §0.3): Python's
/// <c>datetime.now(UTC).isoformat()</c> — microseconds, no fraction when they are zero, and <c>+00:00</c>, never <c>Z</c>.
/// </summary>
/// <example>
/// <code>
/// KrytenTimestamps.Format(DateTimeOffset.Parse("2026-08-14T18:25:43.511286Z")); // "2026-08-14T18:25:43.511286+00:00"
/// </code>
/// </example>
public static class KrytenTimestamps
{
    /// <summary>Formats <paramref name="instant"/> (converted to UTC) as Python's <c>isoformat()</c> does.</summary>
    /// <param name="instant">Any instant; its offset is dropped after converting to UTC.</param>
    /// <returns>E.g. <c>2026-08-14T18:25:43.511286+00:00</c>, or <c>2026-08-14T18:25:43+00:00</c> on a whole second.</returns>
    public static string Format(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var micros = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + micros.ToString("D6", CultureInfo.InvariantCulture) + "+00:00";
    }
}

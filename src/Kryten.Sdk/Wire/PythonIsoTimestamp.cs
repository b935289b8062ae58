using System.Globalization;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Formats instants the way the bridge and kryten-py write them: Python's
/// <c>datetime.now(UTC).isoformat()</c> — microseconds, no fraction when they are zero, <c>+00:00</c>.
/// </summary>
internal static class PythonIsoTimestamp
{
    public static string Format(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var micros = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + micros.ToString("D6", CultureInfo.InvariantCulture) + "+00:00";
    }
}

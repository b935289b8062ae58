using System.Globalization;
using System.Text;

namespace Kryten.BridgeSimulator.Python;

/// <summary>
/// A Python <c>datetime</c> as the bridge's service registry keeps it: the wall-clock time to the microsecond and the
/// UTC offset it was written with, or none for a naive one (which the registry accepts, and which later breaks
/// <c>system.services</c>, wire-contract §5.3). Offsets up to ±23:59:59.999999 are kept as sent, so
/// <c>isoformat()</c> gives back <c>+02:00</c> for a timestamp sent with <c>+02:00</c>.
/// </summary>
internal readonly record struct PythonDateTime(DateTime Wall, TimeSpan? Offset)
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary><c>datetime.now(UTC)</c>: microsecond resolution, offset <c>+00:00</c>.</summary>
    public static PythonDateTime Now(TimeProvider time)
    {
        var utc = time.GetUtcNow().UtcDateTime;
        return new PythonDateTime(new DateTime(utc.Ticks - utc.Ticks % TicksPerMicrosecond, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    /// <summary>
    /// <c>datetime.fromisoformat(text)</c> (Python 3.11+) for the extended forms services send:
    /// <c>YYYY-MM-DD</c>, then any one separator character and <c>HH[:MM[:SS[.f...]]]</c> (<c>.</c> or <c>,</c>, digits past
    /// the sixth dropped), then <c>Z</c> or <c>±HH[:MM[:SS[.ffffff]]]</c>. The basic forms without separators and week
    /// dates, which Python also reads, are not recognized.
    /// </summary>
    public static bool TryFromIsoFormat(string text, out PythonDateTime value)
    {
        value = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        if (text.Length == 10)
        {
            value = new PythonDateTime(date, null);
            return true;
        }
        // Everything after the separator: the time, then the offset from the first Z, + or -.
        var rest = text.AsSpan(11);
        var zone = rest.IndexOfAny("Z+-");
        if (!TryTime(zone < 0 ? rest : rest[..zone], out var time) || time >= TimeSpan.FromDays(1)) return false;
        TimeSpan? offset = null;
        if (zone >= 0)
        {
            var sign = rest[zone];
            if (sign == 'Z')
            {
                if (zone != rest.Length - 1) return false;
                offset = TimeSpan.Zero;
            }
            else if (!TryTime(rest[(zone + 1)..], out var magnitude) || magnitude >= TimeSpan.FromDays(1)) return false;
            else offset = sign == '-' ? -magnitude : magnitude;
        }
        value = new PythonDateTime(date + time, offset);
        return true;
    }

    /// <summary>
    /// <c>isoformat()</c>: <c>YYYY-MM-DDTHH:MM:SS</c>, <c>.ffffff</c> only when the microseconds are not zero, then the
    /// offset as <c>±HH:MM</c> (with <c>:SS</c> and <c>.ffffff</c> when it has them); nothing for a naive one.
    /// </summary>
    public string IsoFormat()
    {
        var text = new StringBuilder(Wall.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        AppendMicroseconds(text, Wall.Ticks);
        if (Offset is { } offset)
        {
            var magnitude = offset.Duration();
            text.Append(offset < TimeSpan.Zero ? '-' : '+').Append(magnitude.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
            if (magnitude.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                text.Append(':').Append(magnitude.Seconds.ToString("D2", CultureInfo.InvariantCulture));
                AppendMicroseconds(text, magnitude.Ticks);
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// <c>(now - self).total_seconds()</c> with <paramref name="now"/> aware: microseconds over a million, as Python
    /// divides them. A naive <c>self</c> makes Python raise, and this returns false with its message.
    /// </summary>
    public bool TrySecondsUntil(PythonDateTime now, out double seconds, out string error)
    {
        (seconds, error) = (0, "");
        if (Offset is not { } offset || now.Offset is not { } nowOffset)
        {
            error = "can't subtract offset-naive and offset-aware datetimes";
            return false;
        }
        var ticks = (now.Wall - nowOffset - (Wall - offset)).Ticks;
        seconds = (ticks / TicksPerMicrosecond) / 1e6;
        return true;
    }

    private static void AppendMicroseconds(StringBuilder text, long ticks)
    {
        var micros = ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond;
        if (micros != 0) text.Append('.').Append(micros.ToString("D6", CultureInfo.InvariantCulture));
    }

    // HH[:MM[:SS[{.,}f...]]], at most six fraction digits counted and the rest required to be digits.
    private static bool TryTime(ReadOnlySpan<char> text, out TimeSpan time)
    {
        time = default;
        int hours, minutes = 0, seconds = 0;
        long ticks = 0;
        if (!Digits(text, 0, 2, out hours)) return false;
        var at = 2;
        if (at < text.Length)
        {
            if (text[at] != ':' || !Digits(text, at + 1, 2, out minutes)) return false;
            at += 3;
        }
        if (at < text.Length)
        {
            if (text[at] != ':' || !Digits(text, at + 1, 2, out seconds)) return false;
            at += 3;
        }
        if (at < text.Length)
        {
            if (text[at] is not ('.' or ',') || at + 1 == text.Length) return false;
            var fraction = text[(at + 1)..];
            foreach (var c in fraction) if (!char.IsAsciiDigit(c)) return false;
            var micros = fraction[..Math.Min(6, fraction.Length)].ToString().PadRight(6, '0');
            ticks = long.Parse(micros, CultureInfo.InvariantCulture) * TicksPerMicrosecond;
        }
        if (hours > 23 || minutes > 59 || seconds > 59) return false;
        time = new TimeSpan(hours, minutes, seconds) + TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length) return false;
        foreach (var c in text.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}

namespace Kryten.Samples.EchoBot;

/// <summary>
/// How long ago, as EchoBot says it in chat: under a minute (or a time in the future, from clocks out of step) is
/// "just now"; then whole minutes, hours or days, rounded down, singular for one: "1 minute ago", "5 hours ago",
/// "12 days ago".
/// </summary>
internal static class TimeAgo
{
    public static string Format(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => Count((int)elapsed.TotalMinutes, "minute"),
        { TotalDays: < 1 } => Count((int)elapsed.TotalHours, "hour"),
        _ => Count((int)elapsed.TotalDays, "day"),
    };

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit} ago" : $"{n} {unit}s ago";
}

using Kryten.Samples.EchoBot;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>How EchoBot says how long ago: whole minutes, hours or days, rounded down; under a minute is "just now".</summary>
public sealed class TimeAgoTests
{
    [Theory]
    [InlineData(-3600, "just now")]   // a last_seen in the future: clocks out of step
    [InlineData(0, "just now")]
    [InlineData(59, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(119, "1 minute ago")]
    [InlineData(120, "2 minutes ago")]
    [InlineData(3599, "59 minutes ago")]
    [InlineData(3600, "1 hour ago")]
    [InlineData(7200, "2 hours ago")]
    [InlineData(86399, "23 hours ago")]
    [InlineData(86400, "1 day ago")]
    [InlineData(86400 * 400, "400 days ago")]
    public void Formats_elapsed_seconds(int seconds, string expected) =>
        TimeAgo.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}

using Kryten.Sdk.Diagnostics;

namespace Kryten.Sdk.Tests.Diagnostics;

public sealed class CoarseClockTests
{
    [Fact]
    public void On_Linux_it_reads_the_C_library_s_coarse_clock()
    {
        CoarseClock.ReadsCoarseClock.ShouldBe(OperatingSystem.IsLinux());
    }

    // Timeouts and "last event" ages mix it with nothing else, but it must count what TickCount64 counts: milliseconds
    // of the same monotonic clock (the kernel's coarse clock lags the precise one by at most a tick, a few ms).
    [Fact]
    public void It_counts_the_milliseconds_TickCount64_counts()
    {
        for (var i = 0; i < 5; i++)
        {
            var before = Environment.TickCount64;
            var coarse = CoarseClock.Milliseconds;
            var after = Environment.TickCount64;
            coarse.ShouldBeInRange(before - 20, after + 20);
            Thread.Sleep(30);
        }
    }

    [Fact]
    public void It_never_goes_back_and_follows_a_sleep()
    {
        var start = CoarseClock.Milliseconds;
        var last = start;
        for (var i = 0; i < 100_000; i++)
        {
            var now = CoarseClock.Milliseconds;
            now.ShouldBeGreaterThanOrEqualTo(last);
            last = now;
        }
        Thread.Sleep(100);
        (CoarseClock.Milliseconds - start).ShouldBeGreaterThanOrEqualTo(90);
    }
}

using System.Runtime.InteropServices;

namespace Kryten.Sdk.Diagnostics;

/// <summary>
/// Milliseconds of a monotonic clock, counted as <see cref="Environment.TickCount64"/> counts them, for the per-event
/// bookkeeping (arrival stamps, handler timeouts). Under NativeAOT on .NET 8 that property reads Linux's precise clock,
/// about 25 ns on a VM, and dispatch read it twice per event; <c>CLOCK_MONOTONIC_COARSE</c>, which the JIT runtimes use
/// for it, costs a few. Elsewhere, or where the C library cannot be called, this is <see cref="Environment.TickCount64"/>.
/// </summary>
internal static class CoarseClock
{
    private const int ClockMonotonicCoarse = 6;

    private static readonly bool UseCoarse = OperatingSystem.IsLinux() && Probe();

    /// <summary>True where the coarse clock is read through the C library.</summary>
    public static bool ReadsCoarseClock => UseCoarse;

    public static long Milliseconds
    {
        get
        {
            if (!UseCoarse) return Environment.TickCount64;
            ClockGetTime(ClockMonotonicCoarse, out var now);
            return now.Seconds * 1000 + now.Nanoseconds / 1_000_000;
        }
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockMonotonicCoarse, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // A vDSO call that neither blocks nor calls back, so the GC transition is not needed.
    [DllImport("libc", EntryPoint = "clock_gettime", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Kryten.Benchmarks;

/// <summary>
/// CPU used between two points: this process's, and the whole machine's busy share (Linux /proc/stat), so a run can
/// tell whether it was CPU-bound — on a 2-core box nats-server, the publisher and the consumer share the same cores.
/// </summary>
internal readonly struct CpuMeter
{
    private readonly TimeSpan _process;
    private readonly (long Busy, long Total) _machine;

    private CpuMeter(TimeSpan process, (long, long) machine)
    {
        _process = process;
        _machine = machine;
    }

    public static CpuMeter Start() => new(Process.GetCurrentProcess().TotalProcessorTime, Machine());

    /// <summary>This process's CPU time per item in microseconds.</summary>
    public double ProcessMicrosPerItem(long items) =>
        items == 0 ? double.NaN : (Process.GetCurrentProcess().TotalProcessorTime - _process).TotalMicroseconds / items;

    /// <summary>How busy all cores were, 0–100 %; NaN where /proc/stat is not available.</summary>
    public double MachineBusyPercent()
    {
        var (busy, total) = Machine();
        var dt = total - _machine.Total;
        return dt <= 0 ? double.NaN : 100.0 * (busy - _machine.Busy) / dt;
    }

    private static (long Busy, long Total) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}

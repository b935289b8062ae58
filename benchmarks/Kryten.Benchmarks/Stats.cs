namespace Kryten.Benchmarks;

/// <summary>Order statistics of a run's rounds: medians and quantiles, never means (one stalled round would move a mean).</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="q"/> quantile, interpolated between the two nearest values.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var at = q * (sorted.Length - 1);
        var below = (int)Math.Floor(at);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
    }

    /// <summary>"median (lower quartile – upper quartile)", formatted by <paramref name="format"/>.</summary>
    public static string MedianAndMiddleHalf(IEnumerable<double> values, Func<double, string> format)
    {
        var all = values.ToArray();
        return $"{format(Median(all))} ({format(Quantile(all, 0.25))} – {format(Quantile(all, 0.75))})";
    }
}

using System.Globalization;
using System.Text;

namespace Kryten.Benchmarks;

/// <summary>A Markdown table, so the numbers can be pasted into a report as they are.</summary>
internal sealed class ResultTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public ResultTable(params string[] headers) => _headers = headers;

    public void Add(params string[] cells) => _rows.Add(cells);

    public static string Rate(double perSecond) => double.IsNaN(perSecond) ? "n/a" : perSecond >= 1e6
        ? (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M"
        : (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + "k";

    public static string Number(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ratio(double ours, double theirs, bool lowerIsBetter = false) =>
        double.IsNaN(ours) || double.IsNaN(theirs) || theirs == 0 || ours == 0 ? "n/a"
        : (lowerIsBetter ? theirs / ours : ours / theirs).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", _headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', _headers.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in _rows) text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return text.ToString();
    }
}

using System.Globalization;
using System.Text;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>A source's coverage by day as a small inline SVG grid: a column per day, a row per field.</summary>
public static class CoverageChart
{
    private const int Cell = 11;
    private const int Gap = 1;
    private const int Label = 58;
    private const int Total = 36;

    /// <summary>The chart of one source.</summary>
    public static string Svg(SourceStatus source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fields = ActivityEntry.Fields;
        var width = Label + (source.Daily.Count * (Cell + Gap)) + Total;
        var height = fields.Length * (Cell + Gap);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"")
            .Append(StatusPage.Text($"coverage of {source.Name} by day and field")).Append("\">");
        for (var row = 0; row < fields.Length; row++)
        {
            var y = row * (Cell + Gap);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + Cell - 2}\">{fields[row]}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{width - 2}\" y=\"{y + Cell - 2}\" text-anchor=\"end\">{StatusPage.Percent(source.Coverage.Share(fields[row]))}</text>");
            for (var column = 0; column < source.Daily.Count; column++)
            {
                var (day, coverage) = source.Daily[column];
                var share = coverage.Share(fields[row]);
                var tip = share is { } s
                    ? string.Create(CultureInfo.InvariantCulture, $"{fields[row]} {day:yyyy-MM-dd}: {s * 100:0}% of {coverage.Pages} pages")
                    : string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}: no pages");
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label + (column * (Cell + Gap))}\" y=\"{y}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"{Fill(share)}\"><title>{tip}</title></rect>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    // Red (0) through yellow to green (1); grey for a day with no pages.
    private static string Fill(double? share) =>
        share is { } s ? string.Create(CultureInfo.InvariantCulture, $"hsl({Math.Round(s * 120)},65%,{(s >= 0.999 ? 38 : 48)}%)") : "#e3e3e3";
}

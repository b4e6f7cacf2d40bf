using System.Globalization;
using System.Text;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>The status page's content as plain text, for <c>ingest status</c>.</summary>
public static class StatusText
{
    /// <summary>Renders the report; <paramref name="color"/> marks alarms red with ANSI escapes (for a terminal).</summary>
    public static string Render(StatusReport report, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        string Red(string line) => color ? $"\u001b[31m{line}\u001b[0m" : line;
        text.Append(CultureInfo.InvariantCulture, $"Ingest status, read {StatusPage.Time(report.At)} UTC (last {report.Days} days)\n");

        text.Append("\nDrift alarms\n");
        if (report.Alarms.Count == 0)
        {
            text.Append("  none\n");
        }

        foreach (var alarm in report.Alarms)
        {
            var active = report.Sources.Any(s => s.Alarm == alarm);
            text.Append(active ? Red($"  ALARM {alarm.Source}, run {alarm.Run} ({StatusPage.Time(alarm.RunStarted)}): {DriftWatch.Describe(alarm)}") : $"  cleared {alarm.Source}, run {alarm.Run}: {DriftWatch.Describe(alarm)}").Append('\n');
        }

        string[] counts = ["discovered", "fetched", "stored", "unchanged", "refused", "failed"];
        text.Append("\nLast runs\n");
        text.Append(CultureInfo.InvariantCulture, $"  {"run",-20} {"kind",-9} {"started (UTC)",-16} {"took",7}").Append(string.Concat(counts.Select(c => c.PadLeft(11)))).Append('\n');
        foreach (var run in report.Runs)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {run.Run,-20} {run.Kind,-9} {StatusPage.Time(run.Started),-16} {StatusPage.Duration(run.Took),7}")
                .Append(string.Concat(counts.Select(c => run.Count(c).ToString(CultureInfo.InvariantCulture).PadLeft(11)))).Append('\n');
        }

        if (report.Runs.Count == 0)
        {
            text.Append("  none\n");
        }

        var width = Math.Max(16, report.Sources.Select(s => s.Name.Length + 2).DefaultIfEmpty(0).Max());
        text.Append("\nSources (coverage: share of fetched pages with each field)\n");
        text.Append("  ").Append("source".PadRight(width)).Append(CultureInfo.InvariantCulture, $"{"stored",7}{"pages",7}  {"last success",-16}")
            .Append(string.Concat(ActivityEntry.Fields.Select(f => f.PadLeft(Math.Max(f.Length, 4) + 1)))).Append('\n');
        foreach (var source in report.Sources)
        {
            var line = new StringBuilder("  ").Append(source.Name.PadRight(width))
                .Append(CultureInfo.InvariantCulture, $"{source.Stored,7}{source.Pages,7}  {(source.LastSuccess is { } at ? StatusPage.Time(at) : "none"),-16}")
                .Append(string.Concat(ActivityEntry.Fields.Select(f => StatusPage.Percent(source.Coverage.Share(f)).PadLeft(Math.Max(f.Length, 4) + 1))));
            text.Append(source.Alarm is null ? line.ToString() : Red(line.Append("  DRIFT").ToString())).Append('\n');
        }

        text.Append("\nPoison queues\n");
        foreach (var queue in report.Poison)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {queue.Queue}: {queue.Count}\n");
            foreach (var record in queue.Latest)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {StatusPage.Time(record.FailedAt)}  {record.Reason}\n");
            }
        }

        text.Append("\nRecent articles\n");
        foreach (var article in report.Articles)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {article.Id}  {article.Source}  {(article.Published is { } p ? StatusPage.Time(p) : "unknown"),-16}  rev {article.Revisions}  {article.Title}\n");
        }

        if (report.Articles.Count == 0)
        {
            text.Append("  none\n");
        }

        return text.ToString();
    }
}

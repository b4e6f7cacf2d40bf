using System.Globalization;
using System.Net;
using System.Text;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>Where the page's links point: <paramref name="Base"/> before each path, <paramref name="Query"/> after it (a Functions key, say).</summary>
public sealed record StatusLinks(string Base, string Query)
{
    /// <summary>The page itself.</summary>
    public string Page => $"{Base}/{Query}";

    /// <summary>An article's current record as JSON.</summary>
    public string Record(string id) => $"{Base}/articles/{Uri.EscapeDataString(id)}{Query}";

    /// <summary>An article's revisions.</summary>
    public string History(string id) => $"{Base}/articles/{Uri.EscapeDataString(id)}/history{Query}";
}

/// <summary>
/// The status page as one HTML document: inline style and SVG, no script, no font or file from elsewhere, readable
/// on a phone (tables scroll sideways inside their box).
/// </summary>
public static class StatusPage
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:8px 12px;color:#222}
        h1{font-size:20px;margin:8px 0}h2{font-size:16px;margin:20px 0 6px}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}
        th,td{padding:3px 6px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;white-space:nowrap}
        td.n,th.n{text-align:right}td.wrap{white-space:normal}
        td.title{white-space:normal;min-width:14em}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px}
        .card{border:1px solid #ddd;border-radius:4px;padding:6px 10px;margin:4px 0}.card h3{font-size:15px;margin:0 0 2px}.card p{margin:0 0 4px}
        .alarm{background:#fde0dc;color:#8a1c0f;border-left:5px solid #c62828}.badge{background:#c62828;color:#fff;border-radius:3px;padding:0 5px;font-size:12px}
        .ok{color:#1b5e20}.muted{color:#777}.bad{color:#b71c1c;font-weight:600}
        svg text{font:10px system-ui,sans-serif;fill:#444}
        """;

    /// <summary>Renders the report.</summary>
    public static string Render(StatusReport report, StatusLinks links)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(links);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>Ingest status</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>Ingest status</h1><p class=\"muted\">Read ").Append(Time(report.At)).Append(" UTC; the last ").Append(report.Days).Append(" days.</p>");
        Alarms(html, report);
        Runs(html, report);
        Sources(html, report);
        Poison(html, report);
        Articles(html, report, links);
        return html.Append("</body></html>").ToString();
    }

    private static void Alarms(StringBuilder html, StatusReport report)
    {
        html.Append("<h2 id=\"drift\">Drift alarms</h2>");
        if (report.Alarms.Count == 0)
        {
            html.Append("<p class=\"ok\">No source drifted.</p>");
            return;
        }

        foreach (var alarm in report.Alarms)
        {
            var active = report.Sources.Any(s => s.Alarm == alarm);
            html.Append(active ? "<div class=\"card alarm\">" : "<div class=\"card\">")
                .Append("<b>").Append(Text(alarm.Source)).Append("</b> ").Append(active ? "drifted" : "drifted (cleared by a later run)")
                .Append(" in run ").Append(Text(alarm.Run)).Append(", started ").Append(Time(alarm.RunStarted)).Append(" UTC<br>")
                .Append(Text(DriftWatch.Describe(alarm))).Append("</div>");
        }
    }

    private static void Runs(StringBuilder html, StatusReport report)
    {
        string[] counts = ["discovered", "fetched", "stored", "unchanged", "refused", "failed"];
        html.Append("<h2 id=\"runs\">Last runs</h2>");
        if (report.Runs.Count == 0)
        {
            html.Append("<p class=\"muted\">No run in the window.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><tr><th>run</th><th>kind</th><th>started</th><th class=\"n\">took</th>");
        foreach (var name in counts)
        {
            html.Append("<th class=\"n\">").Append(name).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var run in report.Runs)
        {
            html.Append("<tr><td>").Append(Text(run.Run)).Append("</td><td>").Append(run.Kind).Append("</td><td>").Append(Time(run.Started))
                .Append("</td><td class=\"n\">").Append(Duration(run.Took)).Append("</td>");
            foreach (var name in counts)
            {
                var n = run.Count(name);
                html.Append(name == "failed" && n > 0 ? "<td class=\"n bad\">" : "<td class=\"n\">").Append(n).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></div>");
    }

    private static void Sources(StringBuilder html, StatusReport report)
    {
        html.Append("<h2 id=\"sources\">Sources</h2><p class=\"muted\">Coverage: the share of fetched pages with each field over the window, ")
            .Append("and by day (a column per day, oldest left; green 100%, red 0%, grey no pages).</p><div class=\"grid\">");
        foreach (var source in report.Sources)
        {
            html.Append(source.Alarm is null ? "<div class=\"card source\">" : "<div class=\"card source alarm\">")
                .Append("<h3>").Append(Text(source.Name)).Append(source.Alarm is null ? "" : " <span class=\"badge\">drift</span>").Append("</h3><p>")
                .Append(source.Stored).Append(" stored, ").Append(source.Pages).Append(" pages read in ").Append(report.Days).Append(" days · last success ")
                .Append(source.LastSuccess is { } at ? Time(at) : "none").Append("</p>").Append(CoverageChart.Svg(source)).Append("</div>");
        }

        html.Append("</div>");
    }

    private static void Poison(StringBuilder html, StatusReport report)
    {
        html.Append("<h2 id=\"poison\">Poison queues</h2><div class=\"scroll\"><table><tr><th>queue</th><th class=\"n\">messages</th><th>latest reasons</th></tr>");
        foreach (var queue in report.Poison)
        {
            html.Append("<tr><td>").Append(Text(queue.Queue)).Append(queue.Count > 0 ? "</td><td class=\"n bad\">" : "</td><td class=\"n\">").Append(queue.Count).Append("</td><td class=\"wrap\">");
            foreach (var record in queue.Latest)
            {
                html.Append(Time(record.FailedAt)).Append(": ").Append(Text(record.Reason)).Append("<br>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</table></div>");
    }

    private static void Articles(StringBuilder html, StatusReport report, StatusLinks links)
    {
        html.Append("<h2 id=\"articles\">Recent articles</h2>");
        if (report.Articles.Count == 0)
        {
            html.Append("<p class=\"muted\">None stored in the window.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><tr><th>title</th><th>source</th><th>published</th><th class=\"n\">revisions</th><th>record</th></tr>");
        foreach (var article in report.Articles)
        {
            html.Append("<tr class=\"article\"><td class=\"title\">").Append(Text(article.Title ?? "(no title)")).Append("</td><td>").Append(Text(article.Source))
                .Append("</td><td>").Append(article.Published is { } published ? Time(published) : "<span class=\"muted\">unknown</span>")
                .Append("</td><td class=\"n\"><a href=\"").Append(Text(links.History(article.Id))).Append("\">").Append(article.Revisions)
                .Append("</a></td><td><a href=\"").Append(Text(links.Record(article.Id))).Append("\">JSON</a></td></tr>");
        }

        html.Append("</table></div>");
    }

    /// <summary>Text for HTML.</summary>
    internal static string Text(string text) => WebUtility.HtmlEncode(text);

    internal static string Percent(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0}%") : "–";

    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    internal static string Duration(TimeSpan took) => took.TotalSeconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{took.TotalSeconds:0} s")
        : took.TotalMinutes < 90 ? string.Create(CultureInfo.InvariantCulture, $"{took.TotalMinutes:0} min") : string.Create(CultureInfo.InvariantCulture, $"{took.TotalHours:0.0} h");
}

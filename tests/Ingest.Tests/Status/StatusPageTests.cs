using System.Collections.Immutable;
using System.Xml.Linq;
using Ingest.Status;
using Ingest.Storage;

namespace Ingest.Tests.Status;

public sealed class StatusPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_SourceWithActiveAlarm_ShowsARedRowAChartAndEscapedText()
    {
        var report = Report(title: "<script>alert(1)</script> & more");

        var html = StatusPage.Render(report, new StatusLinks("/api/status", "?code=k%2B1"));

        Assert.Contains("<div class=\"card source alarm\"><h3>src <span class=\"badge\">drift</span></h3>", html, StringComparison.Ordinal);
        Assert.Contains("authors 100% → 0% of 6 pages", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"/api/status/articles/example.org_0123/history?code=k%2B1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void CoverageChart_IsWellFormedSvgWithACellPerDayAndField()
    {
        var source = Report().Sources[0];

        var svg = XElement.Parse(CoverageChart.Svg(source));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(source.Daily.Count * ActivityEntry.Fields.Length, svg.Elements(ns + "rect").Count());
        Assert.Contains(svg.Elements(ns + "rect"), r => r.Element(ns + "title")!.Value == "authors 2026-12-04: 0% of 6 pages");
    }

    [Fact]
    public void StatusText_ActiveAlarm_NamesTheSourceAndWhatFell()
    {
        var text = StatusText.Render(Report());

        Assert.Contains("ALARM src, run run-b", text, StringComparison.Ordinal);
        Assert.Contains("DRIFT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    private static StatusReport Report(string title = "A title")
    {
        ActivityEntry[] entries = [DriftRuleTests.Entry("run-a", Now.AddDays(-1), 6, 6), DriftRuleTests.Entry("run-b", Now.AddHours(-1), 6, 0)];
        var alarm = Assert.Single(DriftRule.Evaluate(entries, Now));
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var source = new SourceStatus("src", 12, 12, Now, Coverage.Of(entries), ActivityViews.Daily(entries, "src", today, 14), alarm);
        return new StatusReport(Now, 14, ActivityViews.Runs(entries), [source], [alarm], [new PoisonStatus("ingest-requests-poison", 0, [])],
            [new RecentArticle("example.org_0123", "src", title, Now, 2, Now)]);
    }
}

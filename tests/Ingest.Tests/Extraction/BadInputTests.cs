using System.Diagnostics;
using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>Hostile or broken pages: each gives an outcome (an article or a reason), in bounded time, never an exception.</summary>
public sealed class BadInputTests
{
    // A guard against work that grows without bound (minutes for one page), not a speed target: speed is measured in
    // benchmarks/. Generous, because the suite runs beside other builds on small machines; each page here takes one to
    // two seconds of CPU.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public void Extract_EmptyDocument_NotAnArticle()
        => Assert.Equal("the page is empty", TestPages.Extractor.Extract(new PageInput(Array.Empty<byte>(), TestPages.Url)).Rejection);

    [Fact]
    public void Extract_WhitespaceOnlyHtml_NotAnArticle()
        => Assert.NotNull(TestPages.Extract("<html><body>   </body></html>").Rejection);

    [Fact]
    public void Extract_PlainText_NotAnArticle()
        => Assert.NotNull(TestPages.Extract("Just a plain text file.\nNo markup at all.", "text/plain").Rejection);

    [Fact]
    public void Extract_NonHtmlWithoutContentType_NotAnArticle()
        => Assert.NotNull(TestPages.Extract("{\"json\": true, \"items\": [1, 2, 3]}", null).Rejection);

    [Fact]
    public void Extract_Binary_NotAnArticle()
    {
        var bytes = new byte[64 * 1024];
        new Random(42).NextBytes(bytes);

        var outcome = TestPages.Extractor.Extract(new PageInput(bytes, TestPages.Url));

        Assert.Null(outcome.Article);
        Assert.Contains("binary", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FiftyMegabytePage_ArticleInBoundedTime()
    {
        var html = new StringBuilder(52 * 1024 * 1024);
        html.Append("<!DOCTYPE html><html><head><title>Council expands bus network</title></head><body>").Append(TestPages.ArticleBody());
        var filler = $"<div class=\"comment\"><p>{TestPages.Paragraph2}</p></div>";
        while (html.Length < 50 * 1024 * 1024)
        {
            html.Append(filler);
        }

        html.Append("</body></html>");

        var outcome = ExtractWithinBudget(html);

        Assert.Equal("Council expands bus network", outcome.Article?.Title);
    }

    [Fact]
    public void Extract_HundredThousandDeepNesting_OutcomeWithoutCrash()
    {
        const int Depth = 100_000;
        var html = new StringBuilder();
        html.Append("<html><head><title>Council expands bus network</title></head><body>").Append(TestPages.ArticleBody());
        html.Insert(html.Length, "<div>", Depth).Append("deep").Insert(html.Length, "</div>", Depth).Append("</body></html>");

        var outcome = ExtractWithinBudget(html);

        Assert.True(outcome.Article is not null || outcome.Rejection is not null);
    }

    [Fact]
    public void Extract_HundredThousandSiblingParagraphs_OutcomeInBoundedTime()
    {
        // Under a megabyte, so the size cap does not help, and flat, so the depth guard does not either: walks that
        // find a previous sibling by scanning the parent's children made this take minutes.
        var html = new StringBuilder("<html><head><title>Council expands bus network</title></head><body>").Append(TestPages.ArticleBody());
        html.Insert(html.Length, "<p>w</p>", 100_000).Append("</body></html>");

        var outcome = ExtractWithinBudget(html);

        Assert.True(outcome.Article is not null || outcome.Rejection is not null);
    }

    [Fact]
    public void Extract_JsonLdThatIsNotJson_FallsBackToMarkup()
    {
        var article = TestPages.Article(
            """<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken" ,,, </script><script type="application/ld+json">&lt;html&gt;</script>""",
            TestPages.ArticleBody());

        Assert.Equal("Council expands bus network", article.Title);
        Assert.Equal(3, article.Body.Length);
    }

    [Theory]
    [InlineData("text/html; charset=no-such-charset")]
    [InlineData("text/html; charset=\"")]
    [InlineData("text/html; charset=utf-16")]
    public void Extract_BrokenCharsetDeclaration_StillReadsThePage(string contentType)
    {
        var outcome = TestPages.Extractor.Extract(new PageInput(Encoding.UTF8.GetBytes("<html><head><meta charset=\"x-bogus\"><title>T</title></head><body>" + TestPages.ArticleBody() + "</body></html>"), TestPages.Url, contentType));

        Assert.Equal(TestPages.Paragraph1, outcome.Article?.Body[0]);
    }

    private static ExtractionOutcome ExtractWithinBudget(StringBuilder html)
    {
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        var stopwatch = Stopwatch.StartNew();

        var outcome = TestPages.Extractor.Extract(new PageInput(bytes, TestPages.Url));

        Assert.True(stopwatch.Elapsed < Budget, $"took {stopwatch.Elapsed}");
        return outcome;
    }
}

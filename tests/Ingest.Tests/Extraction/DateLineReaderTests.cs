using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

// Dates shown as text: the headline's date line and the date beside the byline (through the whole extractor).
public sealed class DateLineReaderTests
{
    [Theory]
    [InlineData("<p class=\"x\">By Jane Doe - Mar 27, 2024</p>", 2024, 3, 27)]
    [InlineData("<p class=\"x\">March 27, 2024<br> - 11 minutes</p>", 2024, 3, 27)]
    [InlineData("<p><span>March 27, 2024</span> <span>- Updated July 9, 2025</span></p>", 2024, 3, 27)]
    public void Extract_DateLineUnderTheHeadline_IsThePublishedDate(string dateLine, int year, int month, int day)
    {
        var body = $"<article><header><h1>Council expands bus network</h1>{dateLine}</header><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Theory]
    [InlineData("<meta property=\"og:locale\" content=\"en_GB\">", "https://news.example.com/local/story", 2023, 10, 3)]
    [InlineData("<meta property=\"og:locale\" content=\"en_US\">", "https://news.example.com/local/story", 2023, 3, 10)]
    [InlineData("", "https://news.example.com/2023/10/03/story", 2023, 10, 3)]
    public void Extract_DateLineWithBothNumbersTwelveOrLess_IsSettledByTheLocaleOrTheUrl(string head, string url, int year, int month, int day)
    {
        var body = $"<article><header><h1>Council expands bus network</h1><p class=\"x\">Posted 03/10/2023</p></header><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>";

        var article = TestPages.Article(head, body, new Uri(url));

        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Extract_DateLineWithBothNumbersTwelveOrLessAndNoEvidence_StaysUnread()
    {
        var body = $"<article><header><h1>Council expands bus network</h1><p class=\"x\">Posted 03/10/2023</p></header><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Null(article.Published);
    }

    [Fact]
    public void Extract_StandfirstRepeatedForAnotherScreen_DoesNotEndTheHeadlineBlock()
    {
        var standfirst = $"<p>{TestPages.Paragraph1}</p>";
        var body = $"<article><h1>Council expands bus network</h1>{standfirst}{standfirst}<div>August 25, 2024</div><p>{TestPages.Paragraph2}</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(2024, 8, 25, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Extract_TimeElementsOfOtherStoriesAboveTheHeadline_UsesTheHeadlinesOwnTime()
    {
        var body = $"""
            <div class="region"><div class="latest"><div><time datetime="2025-01-31T12:00:00Z">01/31/2025</time></div><div><time datetime="2025-01-06T12:00:00Z">01/06/2025</time></div></div></div>
            <main><div class="node"><article><h1>Council expands bus network</h1><div class="meta"><time datetime="2017-03-01T12:00:00-05:00">03/01/2017</time></div><p>{TestPages.Paragraph1}</p></article></div></main>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(2017, 3, 1, 12, 0, 0, TimeSpan.FromHours(-5)), article.Published);
    }

    [Theory]
    [InlineData("<div class=\"author-box\"><p>Written by <a href=\"/jane\">Jane Doe</a></p><p>April 8, 2024</p></div>")]
    [InlineData("<div class=\"meta\"><span>Posted on April 8, 2024</span><div class=\"tags\">Tags: buses, council, transport, eastern districts, routes, city centre</div></div>")]
    public void Extract_DateBesideTheBylineOrLabelledAfterTheBody_IsThePublishedDate(string block)
    {
        var body = $"<article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p>{block}</article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(2024, 4, 8, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Extract_DateBesideALaterTeasersByline_IsNotThePublishedDate()
    {
        var body = $"""
            <article><h1>Council expands bus network</h1><div><span>Written by <a href="/jane">Jane Doe</a></span></div>
            <p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p></article>
            <section><h2>Related</h2><div class="card"><p>Written by <a href="/john">John Roe</a></p><p>April 8, 2024</p></div></section>
            """;

        var article = TestPages.Article(string.Empty, body);

        Assert.Null(article.Published);
    }

    [Fact]
    public void Extract_DateLineUnderTheHeadlineIsAnUpdate_IsTheModifiedDate_NotAPublishedOne()
    {
        var body = $"<article><h1>Council expands bus network</h1><p>Last updated: November 13, 2025</p><p>{TestPages.Paragraph1}</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(2025, 11, 13, 0, 0, 0, TimeSpan.Zero), article.Modified);
        Assert.Equal(FieldSource.DateLine, article.Sources["modified"]);
        Assert.NotEqual(FieldSource.DateLine, article.Sources["published"]);
    }

    [Fact]
    public void Extract_DateAfterTheBodyBegan_IsNotThePublishedDate()
    {
        var body = $"<article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p><p>March 27, 2024</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Null(article.Published);
    }
}

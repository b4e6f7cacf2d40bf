using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

// Which published date wins: JSON-LD, meta tags, markup, date lines or the URL (through the whole extractor).
public sealed class PublishedDateReaderTests
{
    [Fact]
    public void Extract_JsonLdAndMetaDates_KeepsPublishedAndModifiedApartWithOffset()
    {
        const string Head = """
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network",
              "dateCreated":"2024-04-30T09:00:00+09:00","datePublished":"2024-05-03T10:00:08+09:00","dateModified":"2024-05-04T11:00:00+09:00"}</script>
            <meta property="article:modified_time" content="2024-05-05T00:00:00Z">
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 8, TimeSpan.FromHours(9)), article.Published);
        Assert.Equal(TimeSpan.FromHours(9), article.Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 5, 4, 11, 0, 0, TimeSpan.FromHours(9)), article.Modified);
    }

    [Fact]
    public void Extract_JsonLdInARemixMetaTag_IsReadLikeAScriptBlock()
    {
        const string Head = """<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">""";

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal(new DateTimeOffset(2025, 11, 17, 9, 0, 0, TimeSpan.FromHours(-5)), article.Published);
    }

    [Fact]
    public void Extract_OnlyModifiedAndCreatedDates_TheUpdateStandsInForPublished_AndSaysSo()
    {
        const string Head = """
            <script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2024-04-30T09:00:00+09:00"}</script>
            <meta property="og:updated_time" content="2024-05-05T00:00:00+02:00">
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal(TimeSpan.FromHours(2), article.Modified!.Value.Offset);
        Assert.Equal(article.Modified, article.Published);
        Assert.Equal(FieldSource.Updated, article.Sources["published"]);
    }

    [Fact]
    public void Extract_NoJsonLd_UsesArticlePublishedTimeBeforeTimeElement()
    {
        const string Head = """<meta property="article:published_time" content="2024-05-03T10:00:00-04:00">""";
        var body = "<time datetime=\"2023-01-01T00:00:00Z\">Jan 1</time>" + TestPages.ArticleBody();

        var article = TestPages.Article(Head, body);

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.FromHours(-4)), article.Published);
    }

    [Fact]
    public void Extract_OnlyTimeElement_UsesIt()
    {
        var article = TestPages.Article(string.Empty, "<time datetime=\"2024-05-03T08:00:00+01:00\">3 May</time>" + TestPages.ArticleBody());

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 8, 0, 0, TimeSpan.FromHours(1)), article.Published);
    }

    [Fact]
    public void Extract_OnlyVisibleDateInMetaBlock_UsesItButNotAnUpdateLabel()
    {
        var body = "<div class=\"post-meta\">Updated May 9, 2024</div><div class=\"entry-date\">Posted May 3, 2024</div>" + TestPages.ArticleBody();

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Theory]
    [InlineData("Published Apr 26, 2023", 2023, 4, 26)] // labelled and days away from the metadata: what the reader is told
    [InlineData("Published Aug 20, 2025", 2025, 8, 21)] // one day apart: a zone difference, the metadata keeps its time
    [InlineData("Apr 26, 2023", 2025, 8, 21)] // not labelled: the metadata stays
    public void Extract_LabelledPublishedLineUnderTheHeadline_OutranksMetadataOfAnotherDay(string dateLine, int year, int month, int day)
    {
        const string Head = """<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2025-08-21T10:00:00Z"}</script>""";
        var body = $"<article><h1>Council expands bus network</h1><div>{dateLine}</div><p>{TestPages.Paragraph1}</p></article>";

        var article = TestPages.Article(Head, body);

        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(article.Published!.Value.Date));
    }

    [Theory]
    [InlineData("2025-06-24T09:00:00Z", "2025-06-24T09:00:00Z", 2024, 8, 25)] // published = modified: the CMS's last publish
    [InlineData("2025-06-24T09:00:00Z", "2025-06-10T09:00:00Z", 2024, 8, 25)] // published after modified: the same
    [InlineData("2025-06-24T09:00:00Z", "2025-06-24T09:00:02Z", 2025, 6, 24)] // modified after it: a real publication date
    public void Extract_JsonLdPublishedNotBeforeModified_YieldsToAnEarlierDateLine(string published, string modified, int year, int month, int day)
    {
        var head = $$"""<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"{{published}}","dateModified":"{{modified}}"}</script>""";
        var body = $"<article><h1>Council expands bus network</h1><div><span>Jane Doe</span><span>August 25, 2024</span></div><p>{TestPages.Paragraph1}</p></article>";

        var article = TestPages.Article(head, body);

        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(article.Published!.Value.Date));
    }

    [Theory]
    [InlineData("<article><h1>Council expands bus network</h1><footer><span class=\"meta-date\">March 30, 2023</span></footer>{0}</article>", true)]
    [InlineData("<article><h1>Council expands bus network</h1>{0}</article><footer><span class=\"meta-date\">March 30, 2023</span></footer>", false)]
    public void Extract_DateInAFooter_CountsOnlyInTheArticlesOwnFooter(string template, bool read)
    {
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"<p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p>");

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(read ? new DateTimeOffset(2023, 3, 30, 0, 0, 0, TimeSpan.Zero) : null, article.Published);
    }

    [Fact]
    public void Extract_SiteSpecificPublishedMeta_IsReadButNotAnUpdatedOne()
    {
        const string Head = """<meta name="last-updated-date" content="2025-09-01"><meta name="published" content="July 17, 2025">""";

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal(new DateTimeOffset(2025, 7, 17, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Extract_NoDateAnywhereButUrl_UsesUrlDate()
    {
        var article = TestPages.Article(string.Empty, TestPages.ArticleBody(), new Uri("https://news.example.com/2024/05/03/story"));

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), article.Published);
    }
}

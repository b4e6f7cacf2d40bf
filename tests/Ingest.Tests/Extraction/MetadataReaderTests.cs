namespace Ingest.Tests.Extraction;

public sealed class MetadataReaderTests
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
    public void Extract_OnlyModifiedAndCreatedDates_LeavesPublishedEmpty()
    {
        const string Head = """
            <script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2024-04-30T09:00:00+09:00"}</script>
            <meta property="og:updated_time" content="2024-05-05T00:00:00+02:00">
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Null(article.Published);
        Assert.Equal(TimeSpan.FromHours(2), article.Modified!.Value.Offset);
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
    public void Extract_TruncatedJsonLdHeadlineAndSocialOgTitle_UsesH1()
    {
        const string Head = """
            <meta property="og:title" content="Buses for the east">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network to the eastern..."}</script>
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody("Council expands bus network to the eastern districts after years of delay"));

        Assert.Equal("Council expands bus network to the eastern districts after years of delay", article.Title);
    }

    [Fact]
    public void Extract_CseHeadline_BeatsTruncatedHeadlineAndH1()
    {
        const string Head = """
            <meta name="cse_headline" content="The full headline from the CMS">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"The full headline…"}</script>
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody("A shorter h1"));

        Assert.Equal("The full headline from the CMS", article.Title);
    }

    [Fact]
    public void Extract_NoJsonLd_ReadsMetaAndMarkupFields()
    {
        const string Head = """
            <meta property="og:site_name" content="Example News">
            <meta property="og:locale" content="en_GB">
            <meta property="article:section" content="Local">
            <meta property="article:tag" content="Transport"><meta property="article:tag" content="Buses">
            <meta name="author" content="By Jane Doe and John Roe">
            <link rel="canonical" href="/2024/05/03/story-canonical">
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal("Example News", article.SiteName);
        Assert.Equal("en", article.Language); // html[lang] beats og:locale when JSON-LD has none.
        Assert.Equal("Local", article.Section);
        Assert.Equal<string>(["Transport", "Buses"], article.Tags);
        Assert.Equal<string>(["Jane Doe", "John Roe"], article.Authors.Select(a => a.Name));
        Assert.Equal("https://news.example.com/2024/05/03/story-canonical", article.CanonicalUrl);
    }

    [Fact]
    public void Extract_BylineMarkupOnly_ReadsAuthorsWithoutDates()
    {
        var body = "<div class=\"byline\">By <a rel=\"author\" href=\"/jane\">Jane Doe</a> and John Roe | May 3, 2024</div>" + TestPages.ArticleBody();

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>(["Jane Doe"], article.Authors.Select(a => a.Name));
    }

    [Fact]
    public void Extract_OpinionGenreAndPaywallInJsonLd_SetsGenreAndFlag()
    {
        const string Head = """<script type="application/ld+json">{"@type":"NewsArticle","genre":"Opinion","isAccessibleForFree":false}</script>""";

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal("opinion", article.Genre);
        Assert.False(article.IsAccessibleForFree);
    }

    [Fact]
    public void Extract_BrokenJsonLdBeforeGoodOne_ReadsTheGoodOne()
    {
        const string Head = """
            <script type="application/ld+json">{"@type":"NewsArticle", "headline": broken</script>
            <script type="application/ld+json">{"@type":"ReportageNewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"Jane Doe"}}</script>
            """;

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal("Jane Doe", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void Extract_OnlyVisibleDateInMetaBlock_UsesItButNotAnUpdateLabel()
    {
        var body = "<div class=\"post-meta\">Updated May 9, 2024</div><div class=\"entry-date\">Posted May 3, 2024</div>" + TestPages.ArticleBody();

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

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
    [InlineData("<article><h1>Council expands bus network</h1><footer><span class=\"meta-date\">March 30, 2023</span></footer>{0}</article>", true)]
    [InlineData("<article><h1>Council expands bus network</h1>{0}</article><footer><span class=\"meta-date\">March 30, 2023</span></footer>", false)]
    public void Extract_DateInAFooter_CountsOnlyInTheArticlesOwnFooter(string template, bool read)
    {
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"<p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p>");

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal(read ? new DateTimeOffset(2023, 3, 30, 0, 0, 0, TimeSpan.Zero) : null, article.Published);
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
    public void Extract_DateLineUnderTheHeadlineIsAnUpdate_IsNotThePublishedDate()
    {
        var body = $"<article><h1>Council expands bus network</h1><p>Last updated: November 13, 2025</p><p>{TestPages.Paragraph1}</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Null(article.Published);
    }

    [Fact]
    public void Extract_DateAfterTheBodyBegan_IsNotThePublishedDate()
    {
        var body = $"<article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p><p>March 27, 2024</p></article>";

        var article = TestPages.Article(string.Empty, body);

        Assert.Null(article.Published);
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

    [Fact]
    public void Extract_WrittenByLine_ReadsAuthor()
    {
        var body = "<p class=\"meta\">Written by Jane Doe</p>" + TestPages.ArticleBody();

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal("Jane Doe", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void Extract_H1InCapitalsOnly_YieldsToTheDeclaredTitle()
    {
        var article = TestPages.Article(
            """<meta property="og:title" content="Council expands the bus network to the east">""",
            TestPages.ArticleBody("COUNCIL EXPANDS BUS NETWORK EAST"));

        Assert.Equal("Council expands the bus network to the east", article.Title);
    }

    [Fact]
    public void Extract_H1SpellingTheDeclaredTitle_BeatsAnH1WithTheStandfirstGlued()
    {
        var body = "<h1 class=\"d-none\">Council expands bus network</h1>"
            + TestPages.ArticleBody("Council expands bus network <span>A bigger network for the east</span>");

        var article = TestPages.Article("""<meta property="og:title" content="Council expands bus network">""", body);

        Assert.Equal("Council expands bus network", article.Title);
    }

    [Fact]
    public void Extract_SiblingH1s_AreSectionHeadingsNotTheHeadline()
    {
        var body = $"<article><h1>Why the bus network matters</h1><p>{TestPages.Paragraph1}</p><h1>What comes next</h1><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>";

        var article = TestPages.Article("""<meta property="og:title" content="Council expands bus network">""", body);

        Assert.Equal("Council expands bus network", article.Title);
    }

    [Fact]
    public void Extract_H1AfterTheBodyProse_IsASectionHeadingNotTheHeadline()
    {
        var body = $"<article><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><h1>What the bus network means</h1><p>{TestPages.Paragraph3}</p></article>";

        var article = TestPages.Article("""<meta property="og:title" content="Council expands bus network">""", body);

        Assert.Equal("Council expands bus network", article.Title);
    }

    [Fact]
    public void Extract_OneParagraphAboveTheH1_KeepsItAsTheHeadline()
    {
        var body = $"<article><p>{TestPages.Paragraph1}</p><h1>Council expands the bus network east</h1><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>";

        var article = TestPages.Article("""<meta property="og:title" content="Council plan brings buses east">""", body);

        Assert.Equal("Council expands the bus network east", article.Title);
    }

    [Fact]
    public void Extract_PostTitleClassAgreeingWithMetadata_BeatsABannerH1()
    {
        var body = $"<header><h1>A message from the bus network team</h1></header><article><h2 class=\"entry-title\">Council expands bus network</h2><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>";

        var article = TestPages.Article("""<meta property="og:title" content="Council expands bus network | Example News">""", body);

        Assert.Equal("Council expands bus network", article.Title);
    }

    [Fact]
    public void Extract_JsonLdHeadlineCutWithoutEllipsis_YieldsToTheFullOgTitle()
    {
        const string Head = """
            <meta property="og:title" content="Council expands bus network to the eastern districts after years of delay - Example News">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network to the eastern districts after"}</script>
            """;
        var body = $"<article><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>";

        var article = TestPages.Article(Head, body);

        Assert.Equal("Council expands bus network to the eastern districts after years of delay", article.Title);
    }

    [Theory]
    [InlineData("<strong>News:</strong> Council expands bus network")]
    [InlineData("<a href=\"/story\">Council expands bus network</a> <a href=\"https://example.org/\">(example.org)</a> 12")]
    [InlineData("Council? plan for the bus network")]
    public void Extract_H1HoldingTheDeclaredTitleAmongOtherParts_YieldsTheDeclaredTitle(string h1)
    {
        var declared = h1.Contains('?', StringComparison.Ordinal) ? "Council's plan for the bus network" : "Council expands bus network";

        var article = TestPages.Article($"<meta property=\"og:title\" content=\"{declared}\">", TestPages.ArticleBody(h1));

        Assert.Equal(declared, article.Title);
    }

    [Fact]
    public void Extract_H1SpellingTheHost_IsTheLogoNotTheHeadline()
    {
        var body = $"<header><h1>news.example.com</h1></header><article><h2>Council expands bus network</h2><p>{TestPages.Paragraph1}</p></article>";

        var article = TestPages.Article("<title>news.example.com Council expands bus network</title>", body);

        Assert.Equal("Council expands bus network", article.Title);
    }

    [Theory]
    [InlineData("How to help babies sleep through the night | Patient Education", "How to help babies sleep through the night")]
    [InlineData("Opinion | Council expands bus network", "Opinion | Council expands bus network")]
    [InlineData("Dec 18 2025 Preparing a transition in Debusine", "Preparing a transition in Debusine")]
    [InlineData("A DIY Investor\u00e2\u0080\u0099s Guide to Retirement", "A DIY Investor\u2019s Guide to Retirement")]
    [InlineData("Prices rose 3\u00e2 in May", "Prices rose 3\u00e2 in May")]
    public void CleanTitle_LabelsDatesAndMojibake_AreRemoved(string title, string expected)
    {
        Assert.Equal(expected, Ingest.Extraction.MetadataReader.CleanTitle(title));
    }

    [Theory]
    [InlineData("Council expands bus network | Example News", "Council expands bus network")]
    [InlineData("Council expands bus network - EXAMPLE", "Council expands bus network")]
    [InlineData("Council expands bus network - live updates", "Council expands bus network - live updates")]
    public void WithoutSiteName_SuffixNamesTheSite_DropsIt(string title, string expected)
    {
        Assert.Equal(expected, Ingest.Extraction.MetadataReader.WithoutSiteName(title, "Example News", TestPages.Url));
    }
}

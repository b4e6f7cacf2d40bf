namespace Ingest.Tests.Extraction;

// Which headline wins: the h1 the reader sees or a declared title (through the whole extractor).
public sealed class TitleReaderTests
{
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
}

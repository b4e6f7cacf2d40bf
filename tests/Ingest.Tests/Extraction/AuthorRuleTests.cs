using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>
/// Author candidates that are not people (navigation, account links, the site's own name, a date line, a photo
/// credit) are dropped wherever they come from, and the next source is asked; each case on a minimal page.
/// </summary>
public sealed class AuthorRuleTests
{
    private static string[] AuthorsOf(string head, string body) => [.. TestPages.Article(head, body).Authors.Select(a => a.Name)];

    [Theory]
    [InlineData("Sign In")]
    [InlineData("View more posts")]
    [InlineData("More About Jane Roe »")]
    [InlineData("Skip to main")]
    [InlineData("undefined")]
    [InlineData("Veröffentlicht am 27.04.24 um 07:39 Uhr")]
    [InlineData("The Author")]
    [InlineData("Reply")]
    [InlineData("HERE")]
    [InlineData("my gallery")]
    [InlineData("Photography. What is for me?")]
    [InlineData("5 Comments")]
    [InlineData("Facebook0")]
    [InlineData("Staff Writer")]
    public void Byline_SiteFurnitureFirst_TheNextBylineNamesThePerson(string furniture)
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", $"<div class=\"byline\">{furniture}</div>" + TestPages.ArticleBody() + "<p class=\"author-name\">Jane Doe</p>");

        Assert.Equal(["Jane Doe"], names);
    }

    [Fact]
    public void Byline_OnlyFurniture_NoAuthor()
    {
        var article = TestPages.Article("<title>Council expands bus network</title>", "<div class=\"byline\">Sign In</div>" + TestPages.ArticleBody());

        Assert.Empty(article.Authors);
    }

    [Fact]
    public void JsonLd_PersonBesideTheSiteName_OnlyThePerson()
    {
        var names = AuthorsOf(
            """
            <meta property="og:site_name" content="City News">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"City News"}]}</script>
            """,
            TestPages.ArticleBody());

        Assert.Equal(["Jane Doe"], names);
    }

    [Fact]
    public void Meta_TheSitesHostAsAuthor_ThePrintedBylineWins()
    {
        var article = TestPages.Article(
            """<meta name="author" content="News.example">""",
            "<p>By Jane Doe</p>" + TestPages.ArticleBody(),
            new Uri("https://news.example/local/story"));

        Assert.Equal("Jane Doe", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void Byline_NameWithTheSiteNameGluedAfterIt_LosesTheSiteName()
    {
        var names = AuthorsOf("""<meta property="og:site_name" content="USA TODAY">""", "<div class=\"byline\">Brian Truitt USA TODAY</div>" + TestPages.ArticleBody());

        Assert.Equal(["Brian Truitt"], names);
    }

    [Fact]
    public void Byline_PhotoCreditBesideTheName_IsNoAuthor()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<div class=\"byline\">Emma Mackenzie (Image: Getty Images/iStockphoto)</div>" + TestPages.ArticleBody());

        Assert.Equal(["Emma Mackenzie"], names);
    }

    [Fact]
    public void Byline_NameThenDashAndTeam_KeepsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<div class=\"byline\">David Jackson - FullStack Editorial Team</div>" + TestPages.ArticleBody());

        Assert.Equal(["David Jackson"], names);
    }

    [Fact]
    public void AuthorBox_BemClassedBlock_ItsNameLineIsTheAuthor()
    {
        var names = AuthorsOf(
            "<title>Council expands bus network</title>",
            "<div class=\"post-hero__author-wrapper\"><img src=\"a.jpg\" alt=\"\"><span class=\"post-hero__author\">Lisa Pham</span></div>" + TestPages.ArticleBody());

        Assert.Equal(["Lisa Pham"], names);
    }

    [Theory]
    [InlineData("p", "by: Ziyi Xu, Dec 17, 2025")]
    [InlineData("h3", "Written by Cassidy Horton")]
    public void ByLine_ColonOrHeading_ReadsTheName(string tag, string line)
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + $"<{tag}>{line}</{tag}>");

        Assert.Single(names);
        Assert.Contains(names[0], line, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthorLabelHeading_ThenTheName_ReadsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<div><h3>Author</h3><p>Lisa D. Ellis</p></div>");

        Assert.Equal(["Lisa D. Ellis"], names);
    }

    [Fact]
    public void Byline_NorwegianAnd_SplitsTheNames()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<div class=\"byline\">Trine Juncher Jørgensen og Tôrtia Reimer-Johansen</div>" + TestPages.ArticleBody());

        Assert.Equal(["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"], names);
    }

    [Fact]
    public void Byline_EditorsSignInParentheses_IsCut()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<div class=\"byline\">Elena Oberholzer (obe), Oliver Maksan (oma)</div>" + TestPages.ArticleBody());

        Assert.Equal(["Elena Oberholzer", "Oliver Maksan"], names);
    }

    [Fact]
    public void UnsureAuthor_IsKeptWithALowConfidence_AndLeftOutBelowAFloorGiven()
    {
        // A login in JSON-LD that the page never prints: not a person's name, and nothing agrees with it.
        var html = """
            <!DOCTYPE html><html lang="en"><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"q_admin"}}</script></head>
            <body>
            """ + TestPages.ArticleBody() + "</body></html>";
        var page = new PageInput(System.Text.Encoding.UTF8.GetBytes(html), TestPages.Url, "text/html");

        var shipped = TestPages.Extractor.Extract(page).Article!;
        var floored = new ArticleExtractor([], authorFloor: 0.5).Extract(page).Article!;

        Assert.Equal("q_admin", Assert.Single(shipped.Authors).Name);
        Assert.True(shipped.Confidence["authors"].Confidence < 0.5, $"confidence {shipped.Confidence["authors"].Confidence}");
        Assert.Empty(floored.Authors);
        Assert.False(floored.Sources.ContainsKey("authors"));
    }

    [Fact]
    public void SeoPluginWriterLabel_NamesTheAuthor()
    {
        var names = AuthorsOf("""<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Dieter Kuckelkorn">""", TestPages.ArticleBody());

        Assert.Equal(["Dieter Kuckelkorn"], names);
    }

    [Theory]
    [InlineData("신현주 기자", "신현주")]
    [InlineData("박준석 기자 외 1명", "박준석")]
    [InlineData("松岡大地 記者", "松岡大地")]
    public void KoreanOrJapaneseReporterTitle_IsCutFromTheName(string byline, string name)
    {
        var names = AuthorsOf($"""<meta name="author" content="{byline}">""", TestPages.ArticleBody());

        Assert.Equal([name], names);
    }

    [Fact]
    public void ArticleByHeading_ThenTheName_ReadsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<section><h2>Article by</h2><div>Matias Heikkilä</div></section>");

        Assert.Equal(["Matias Heikkilä"], names);
    }

    [Fact]
    public void AuthorClassedLine_NameThenDate_ReadsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<p class=\"author\"> Andrew Gerrand<br> 4 August 2010 </p>" + TestPages.ArticleBody());

        Assert.Equal(["Andrew Gerrand"], names);
    }

    [Fact]
    public void PostedByLine_ReadsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<p>Posted by Jane Doe on December 16, 2025</p>");

        Assert.Equal(["Jane Doe"], names);
    }

    [Fact]
    public void LabelAndNameInOneItem_ReadsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<ul><li><strong>Datum</strong> 28.04.2023</li><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>");

        Assert.Equal(["Roman Goncharenko"], names);
    }

    [Fact]
    public void BylineOfNamesEachInItsOwnElement_IsSeveralAuthors()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<div class=\"article-byline\"><div class=\"origins\"><span>Birgit Baumann</span> <span>Anna Giulia Fink</span></div></div>" + TestPages.ArticleBody());

        Assert.Equal(["Birgit Baumann", "Anna Giulia Fink"], names);
    }

    [Fact]
    public void LinkToAGermanAuthorPage_NamesTheAuthor()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<p class=\"meta\">von <a href=\"/autoren/name/max-kolter\">Dr. Max Kolter</a></p>" + TestPages.ArticleBody());

        Assert.Equal(["Dr. Max Kolter"], names);
    }

    [Fact]
    public void PublisherWhoseInitialsSpellTheHost_IsTheSiteNotAPerson()
    {
        var article = TestPages.Article(
            """<meta name="author" content="Deutsche Welle (www.dw.com)">""",
            TestPages.ArticleBody() + "<ul><li><strong>Autor</strong> Roman Goncharenko</li></ul>",
            new Uri("https://www.dw.com/de/story/a-1"));

        Assert.Equal("Roman Goncharenko", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void RightAlignedBoldNameUnderTheStory_IsTheAuthor()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<p style=\"text-align: right;\"><strong>Lê Phương</strong></p>");

        Assert.Equal(["Lê Phương"], names);
    }

    [Fact]
    public void MetaBoxInAnAsideBesideTheStory_NamesTheAuthor()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<aside class=\"insight\"><div><h3>Published</h3><p>August 30, 2024</p></div><div><h3>Author</h3><p> Lisa D. Ellis</p></div></aside>");

        Assert.Equal(["Lisa D. Ellis"], names);
    }

    [Fact]
    public void ContributorsLabel_ReadsTheName()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<div class=\"tags\"><div><strong>Contributors:</strong> Janet Loughrey</div></div>");

        Assert.Equal(["Janet Loughrey"], names);
    }

    [Fact]
    public void AuthorNameInAFooter_IsNotTheByline()
    {
        var article = TestPages.Article("<title>Council expands bus network</title>", TestPages.ArticleBody() + "<footer><div class=\"footer__author\">Site Owner Name</div></footer>");

        Assert.Empty(article.Authors);
    }

    [Fact]
    public void PublisherAsAuthorAndABoldNameOpeningTheStory_TheNameIsTheWriter()
    {
        var article = TestPages.Article(
            """<meta property="og:site_name" content="Lesotho Times"><meta name="author" content="Lesotho Times">""",
            $"<article><h1>Council expands bus network</h1><div class=\"entry\"><p>&nbsp;</p><p><strong>Mohloai Mpesi</strong></p><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></div></article>");

        Assert.Equal("Mohloai Mpesi", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void BoldLineOpeningTheStoryWithoutAPublisherClaim_IsNoAuthor()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            $"<article><h1>Council expands bus network</h1><div><p><strong>Filing Fee</strong></p><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></div></article>");

        Assert.Empty(article.Authors);
    }

    [Theory]
    [InlineData("BeauHD on Friday", "BeauHD")]
    [InlineData("Cort Honey, Digital-Security Expert", "Cort Honey")]
    public void BylineWithADayOrARoleAfterTheName_KeepsTheName(string byline, string name)
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", $"<div class=\"byline\">{byline}</div>" + TestPages.ArticleBody());

        Assert.Equal([name], names);
    }

    [Fact]
    public void BylineListingTheStorysTags_IsNoAuthor_TheNextBylineNamesThePerson()
    {
        var names = AuthorsOf(
            "<title>Council expands bus network</title>",
            "<div class=\"post__byline\"><a href=\"/blog/tag/personal-finance\">Personal finance</a></div>" + TestPages.ArticleBody() + "<p class=\"author-name\">Jane Doe</p>");

        Assert.Equal(["Jane Doe"], names);
    }

    [Fact]
    public void RoleAfterTheComma_HoldingAnAnd_IsNoSecondPerson()
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", "<span class=\"author-name\">Brett Cruz, Privacy and Digital Security Expert</span>" + TestPages.ArticleBody());

        Assert.Equal(["Brett Cruz"], names);
    }

    [Fact]
    public void TeamBesideAPerson_InOneSource_IsNoSecondAuthor()
    {
        var names = AuthorsOf(
            """<title>Council expands bus network</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":[{"@type":"Person","name":"Arlene Marturano"},{"@type":"Person","name":"Garden Learning Network"}]}</script>""",
            TestPages.ArticleBody());

        Assert.Equal(["Arlene Marturano"], names);
    }

    [Fact]
    public void TeamPrintedAsTheByline_GivesWayToAPersonTheNextSourceNames_ButStandsAlone()
    {
        Assert.Equal(["Jane Doe"], AuthorsOf("<title>Council expands bus network</title>", "<div class=\"byline\">Team Tiger Data</div>" + TestPages.ArticleBody() + "<p>By Jane Doe</p>"));
        Assert.Equal(["Resy Staff"], AuthorsOf("<title>Council expands bus network</title>", "<div class=\"byline\">Resy Staff</div>" + TestPages.ArticleBody()));
    }

    [Theory]
    [InlineData("<div class=\"byline\">Reviewed by Robert Roe</div>")]
    [InlineData("<div class=\"meta\">Fact-checked by <span class=\"byline\">Robert Roe</span></div>")]
    public void NameLabelledAsAnotherRole_IsNotTheWriter(string reviewer)
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", reviewer + TestPages.ArticleBody() + "<p>By Jane Doe</p>");

        Assert.Equal(["Jane Doe"], names);
    }

    [Fact]
    public void BylineUnderAnotherStorysLinkedHeading_IsThatStorysNotThisOnes()
    {
        var teaser = "<section><h3><a href=\"/local/other-story\">Parking fees rise again</a></h3><div class=\"post-meta\"><span class=\"byline\">by Scott Miller</span></div></section>";

        Assert.Empty(AuthorsOf("<title>Council expands bus network</title>", $"<article><h1>Council expands bus network</h1>{TestPages.ArticleBody()}</article>{teaser}"));
    }

    [Fact]
    public void BylineUnderTheStorysOwnLinkedHeading_IsRead()
    {
        var own = $"<h2 class=\"entry-title\"><a href=\"{TestPages.Url}\">Council expands bus network</a></h2><div class=\"post-meta\"><span class=\"byline\">by Jane Doe</span></div>";

        Assert.Equal(["Jane Doe"], AuthorsOf("<title>Council expands bus network</title>", own + TestPages.ArticleBody()));
    }

    [Fact]
    public void AuthorInTheStorysOwnFooter_IsRead_NotInThePagesFooter()
    {
        var own = $"<article><h1>Council expands bus network</h1>{TestPages.ArticleBody()}<footer class=\"meta\"><p class=\"name\"><a rel=\"author\" href=\"/author/hgoetz/\">Halina Goetz</a></p></footer></article>";
        var page = $"<article><h1>Council expands bus network</h1>{TestPages.ArticleBody()}</article><footer><a rel=\"author\" href=\"/author/webteam/\">Halina Goetz</a></footer>";

        Assert.Equal(["Halina Goetz"], AuthorsOf("<title>Council expands bus network</title>", own));
        Assert.Empty(AuthorsOf("<title>Council expands bus network</title>", page));
    }

    [Theory]
    [InlineData("<div class=\"comments-area\"><article class=\"comment-body\"><footer class=\"comment-meta\"><div class=\"comment-author vcard\"><b class=\"fn\"><a href=\"https://example.org/\" rel=\"ugc\">Prince Jacquet</a></b></div></footer></article></div>")]
    [InlineData("<ol class=\"commentlist\"><li class=\"comment\"><div class=\"comment-author vcard\"><cite class=\"fn\">Prince Jacquet</cite> says:</div><p>Great read.</p></li></ol>")]
    public void CommentersNames_AreNotTheStorysAuthors(string comments)
    {
        Assert.Empty(AuthorsOf("<title>Council expands bus network</title>", $"<article><h1>Council expands bus network</h1>{TestPages.ArticleBody()}{comments}</article>"));
    }

    [Theory]
    [InlineData("""<meta name="description" content="This post was written by Vanessa Mendez, MD, gastroenterologist. Diet is one of the pillars…">""", "", "Vanessa Mendez")]
    [InlineData("", "<div class=\"post-author-info\"><p>This article was written by Danielle Padula, Head of Marketing at Scholastica, who has covered scholarly publishing for years and writes about indexing.</p></div>", "Danielle Padula")]
    public void SentenceSayingWhoWroteThePost_NamesTheWriter(string head, string box, string writer)
    {
        var names = AuthorsOf("<title>Council expands bus network</title>" + head, TestPages.ArticleBody() + box);

        Assert.Equal([writer], names);
    }

    [Theory]
    [InlineData("Author_wrapper__TpbI2")]
    [InlineData("author-bio")]
    public void AuthorBox_NamedByCssModulesOrAsABio_IsRead(string boxClass)
    {
        var names = AuthorsOf("<title>Council expands bus network</title>", TestPages.ArticleBody() + $"<div class=\"{boxClass}\"><span>Nick van Mead</span></div>");

        Assert.Equal(["Nick van Mead"], names);
    }

    [Fact]
    public void AuthorBox_OfTheReviewer_IsNotTheWriters()
    {
        var names = AuthorsOf(
            "<title>Council expands bus network</title>",
            "<div class=\"byline__author-text\">Reviewed by <span>Robert Roe</span></div>" + TestPages.ArticleBody() + "<p>By Jane Doe</p>");

        Assert.Equal(["Jane Doe"], names);
    }
}

using System.Text;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>
/// Each field's confidence counts the independent sources of the page that agree with the value chosen; these pages
/// each show one case with nothing else on them.
/// </summary>
public sealed class FieldConfidenceTests
{
    private const string Headline = "Council expands the bus network to the east";

    [Fact]
    public void Title_EveryDeclaredHeadlineAndTheH1Agree_IsTrusted()
    {
        var article = TestPages.Article(
            $"""
            <title>{Headline} | City News</title><meta property="og:site_name" content="City News"><meta property="og:title" content="{Headline}">
            <script type="application/ld+json">{"{"}"@type":"NewsArticle","headline":"{Headline}"{"}"}</script>
            """,
            TestPages.ArticleBody(Headline));

        var title = article.Confidence["title"];
        Assert.True(title.Confidence >= 0.9, $"confidence {title.Confidence}");
        Assert.Equal([FieldSource.Heading, FieldSource.JsonLd, FieldSource.Meta, FieldSource.TitleElement], title.Agreeing);
    }

    [Fact]
    public void Title_OgTitleContradictsTheH1_IsNotTrusted()
    {
        var article = TestPages.Article(
            $"""<title>{Headline}</title><meta property="og:title" content="Buses for the east: what changes in September">""",
            TestPages.ArticleBody(Headline));

        Assert.Equal(Headline, article.Title);
        Assert.True(article.Confidence["title"].Confidence < 0.9, $"confidence {article.Confidence["title"].Confidence}");
    }

    [Fact]
    public void Authors_DeclaredAndPrintedOnThePage_AreTrusted()
    {
        var article = TestPages.Article(
            """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"Jane Doe"}}</script>""",
            "<p class=\"byline\">By Jane Doe</p>" + TestPages.ArticleBody());

        var authors = article.Confidence["authors"];
        Assert.True(authors.Confidence >= 0.9, $"confidence {authors.Confidence}");
        Assert.Contains(FieldSource.JsonLd, authors.Agreeing);
        Assert.Contains("visible", authors.Agreeing);
    }

    [Fact]
    public void Authors_DeclaredButNeverShown_AreLessTrustedThanShownOnes()
    {
        var article = TestPages.Article(
            """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"Jane Doe"}}</script>""",
            TestPages.ArticleBody());

        Assert.Equal("Jane Doe", Assert.Single(article.Authors).Name);
        Assert.True(article.Confidence["authors"].Confidence < 0.9, $"confidence {article.Confidence["authors"].Confidence}");
    }

    [Fact]
    public void Published_JsonLdAndUrlAgree_IsTrusted_AndADateLineThatContradictsItIsNot()
    {
        var head = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","datePublished":"2024-05-03T10:00:00+02:00"}</script>""";
        var agreed = TestPages.Article(head, TestPages.ArticleBody(), new Uri("https://news.example.com/2024/05/03/bus-network"));
        var contradicted = TestPages.Article(head, TestPages.ArticleBody(), new Uri("https://news.example.com/2021/01/15/bus-network"));

        Assert.True(agreed.Confidence["published"].Confidence >= 0.9, $"confidence {agreed.Confidence["published"].Confidence}");
        Assert.Equal([FieldSource.JsonLd, FieldSource.Url], agreed.Confidence["published"].Agreeing);
        Assert.True(contradicted.Confidence["published"].Confidence < 0.9, $"confidence {contradicted.Confidence["published"].Confidence}");
    }

    [Fact]
    public void Published_AfterTheFetch_IsNoPublicationDate_AndTheUrlsDateIsRead()
    {
        var html = """
            <!DOCTYPE html><html lang="en"><head><meta property="article:published_time" content="2031-01-01T00:00:00Z"></head>
            <body><article><h1>Council expands bus network</h1><p>
            """ + TestPages.Paragraph1 + "</p><p>" + TestPages.Paragraph2 + "</p></article></body></html>";
        var page = new PageInput(Encoding.UTF8.GetBytes(html), new Uri("https://news.example.com/2024/05/03/bus-network"), "text/html", FetchedAt: new DateTimeOffset(2024, 5, 4, 8, 0, 0, TimeSpan.Zero));

        var article = TestPages.Extractor.Extract(page).Article!;

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(FieldSource.Url, article.Sources["published"]);
    }

    [Fact]
    public void Published_Before1990_IsNoPublicationDate()
    {
        var article = TestPages.Article("""<meta property="article:published_time" content="1970-01-01T00:00:00Z">""", TestPages.ArticleBody());

        Assert.Null(article.Published);
    }

    [Fact]
    public void Confidence_EveryFieldWithAValue_IsJudged()
    {
        var article = TestPages.Article(
            """<meta property="article:section" content="Local"><meta property="article:modified_time" content="2024-05-04T10:00:00Z">""",
            "<p class=\"byline\">By Jane Doe</p>" + TestPages.ArticleBody());

        Assert.Equal(["authors", "body", "language", "modified", "published", "section", "title"], article.Confidence.Keys);
        Assert.All(article.Confidence.Values, j => Assert.InRange(j.Confidence, 0, 1));
        // A declared section or modified date has nothing to agree with: it stays below the band users take as checked.
        Assert.True(article.Confidence["section"].Confidence < 0.9);
        Assert.True(article.Confidence["modified"].Confidence < 0.9);
    }
}

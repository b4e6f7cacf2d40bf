using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class FieldSourceTests
{
    [Fact]
    public void Extract_JsonLdHeadlineAndMetaDate_RecordsEachFieldsSource()
    {
        var article = TestPages.Article(
            """
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"Jane Doe"}}</script>
            <meta property="article:published_time" content="2024-05-03T10:00:00+02:00">
            """,
            $"<article><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal(FieldSource.JsonLd, article.Sources["title"]);
        Assert.Equal(FieldSource.JsonLd, article.Sources["authors"]);
        Assert.Equal(FieldSource.Meta, article.Sources["published"]);
        Assert.Equal(FieldSource.Content, article.Sources["body"]);
    }

    [Fact]
    public void Extract_VisibleHeadlineOfTheSameStory_BeatsJsonLdSeoHeadline()
    {
        var article = TestPages.Article(
            """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bus network 2025: what changes"}</script>""",
            TestPages.ArticleBody("Council expands the bus network to the east"));

        Assert.Equal("Council expands the bus network to the east", article.Title);
        Assert.Equal(FieldSource.Heading, article.Sources["title"]);
    }

    [Fact]
    public void Extract_OnlyMarkup_SourcesNameTheMarkupRead()
    {
        var article = TestPages.Article("<title>Council expands bus network</title>", "<p class=\"byline\">By Jane Doe</p>" + TestPages.ArticleBody());

        Assert.Equal(FieldSource.Heading, article.Sources["title"]);
        Assert.Equal(FieldSource.Byline, article.Sources["authors"]);
        Assert.False(article.Sources.ContainsKey("published"));
    }

    [Fact]
    public void Extract_AuthorLabelThenName_ReadsTheName()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            "<div class=\"meta\"><p>Written by</p><p>Edzel Tabing</p></div>" + TestPages.ArticleBody());

        Assert.Equal("Edzel Tabing", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void Extract_CamelCaseAuthorNameClass_ReadsTheName()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            TestPages.ArticleBody() + "<div class=\"authorWrapper\"><p class=\"authorName\">Podium Staff</p></div>");

        Assert.Equal("Podium Staff", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void Extract_AuthorIsTheSiteName_BylineWins()
    {
        var article = TestPages.Article(
            """
            <meta property="og:site_name" content="City Gazette">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","author":{"@type":"Person","name":"City Gazette"}}</script>
            """,
            "<p class=\"byline\">By Jane Doe</p>" + TestPages.ArticleBody());

        Assert.Equal("Jane Doe", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void Extract_OneWordSectionHeading_DoesNotBeatJsonLdHeadline()
    {
        var article = TestPages.Article(
            """<script type="application/ld+json">{"@type":"NewsArticle","headline":"How the council will run the Discord server"}</script>""",
            $"<h1>Discord</h1><article><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal("How the council will run the Discord server", article.Title);
    }

    [Fact]
    public void Extract_TitleEscapedTwice_IsDecoded()
    {
        var article = TestPages.Article(
            "<meta property=\"og:title\" content=\"Buses &amp;#x26; trams\"><title>x</title>",
            $"<article><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal("Buses & trams", article.Title);
    }
}

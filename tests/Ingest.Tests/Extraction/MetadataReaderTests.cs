namespace Ingest.Tests.Extraction;

// The fields put together from several readers: meta tags, markup and JSON-LD into one result.
public sealed class MetadataReaderTests
{
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
    public void Extract_OpinionGenreAndPaywallInJsonLd_SetsGenreAndFlag()
    {
        const string Head = """<script type="application/ld+json">{"@type":"NewsArticle","genre":"Opinion","isAccessibleForFree":false}</script>""";

        var article = TestPages.Article(Head, TestPages.ArticleBody());

        Assert.Equal("opinion", article.Genre);
        Assert.False(article.IsAccessibleForFree);
    }
}

namespace Ingest.Tests.Extraction;

// Authors from JSON-LD, author markup and bylines (through the whole extractor).
public sealed class AuthorReaderTests
{
    [Fact]
    public void Extract_BylineMarkupOnly_ReadsAuthorsWithoutDates()
    {
        var body = "<div class=\"byline\">By <a rel=\"author\" href=\"/jane\">Jane Doe</a> and John Roe | May 3, 2024</div>" + TestPages.ArticleBody();

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal<string>(["Jane Doe"], article.Authors.Select(a => a.Name));
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
    public void Extract_WrittenByLine_ReadsAuthor()
    {
        var body = "<p class=\"meta\">Written by Jane Doe</p>" + TestPages.ArticleBody();

        var article = TestPages.Article(string.Empty, body);

        Assert.Equal("Jane Doe", Assert.Single(article.Authors).Name);
    }
}

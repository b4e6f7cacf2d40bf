using Ingest.Extraction;
using Ingest.Records;

namespace Ingest.Tests.Extraction;

public sealed class JsonLdReaderTests
{
    [Fact]
    public void ReadBlock_ArticleInGraph_FindsIt()
    {
        const string Json = """
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":"NewsArticle","headline":"Graph headline","datePublished":"2024-05-03T08:00:00+02:00",
               "author":[{"@type":"Person","name":"Jane Doe","url":"https://example.com/jane"},{"@type":"Person","name":"John Roe"}]}]}
            """;

        var article = Assert.Single(JsonLdReader.ReadBlock(Json));

        Assert.Equal("NewsArticle", article.Type);
        Assert.Equal("Graph headline", article.Headline);
        Assert.Equal<ArticleAuthor>([new ArticleAuthor("Jane Doe", null, "https://example.com/jane"), new ArticleAuthor("John Roe")], article.Authors);
        Assert.Equal(TimeSpan.FromHours(2), article.Published!.Value.Offset);
    }

    [Fact]
    public void ReadBlock_TopLevelArrayWithTypeArray_FindsOpinionArticle()
    {
        const string Json = """
            [{"@type":"Organization","name":"Paper"},
             {"@type":["OpinionNewsArticle","CreativeWork"],"headline":"Op-ed","isAccessibleForFree":"False","keywords":"a, b ,c"}]
            """;

        var article = Assert.Single(JsonLdReader.ReadBlock(Json));

        Assert.Equal("OpinionNewsArticle", article.Type);
        Assert.False(article.IsAccessibleForFree);
        Assert.Equal<string>(["a", "b", "c"], article.Keywords);
    }

    [Theory]
    [InlineData("ReportageNewsArticle")]
    [InlineData("BlogPosting")]
    [InlineData("Article")]
    public void ReadBlock_ArticleLikeTypes_AreArticles(string type)
    {
        Assert.Single(JsonLdReader.ReadBlock($$"""{"@type":"{{type}}","headline":"h"}"""));
    }

    [Theory]
    [InlineData("{\"@type\":\"NewsArticle\",\"headline\":\"unterminated")]
    [InlineData("this is not json at all")]
    [InlineData("")]
    [InlineData("<!-- -->")]
    public void ReadBlock_BrokenJson_ReturnsNothing(string json)
    {
        Assert.Empty(JsonLdReader.ReadBlock(json));
    }

    [Fact]
    public void ReadBlock_DeeplyNestedJson_ReturnsNothingWithoutThrowing()
    {
        var json = new string('[', 5000) + new string(']', 5000);

        Assert.Empty(JsonLdReader.ReadBlock(json));
    }

    [Fact]
    public void ReadBlock_DateCreatedOnly_LeavesPublishedEmpty()
    {
        var article = Assert.Single(JsonLdReader.ReadBlock("""{"@type":"NewsArticle","headline":"h","dateCreated":"2020-01-17T15:11:01+08:00"}"""));

        Assert.Null(article.Published);
        Assert.Null(article.Modified);
    }

    [Fact]
    public void ReadBlock_AuthorReferenceById_ResolvesPersonInGraph()
    {
        const string Json = """
            {"@graph":[
              {"@type":"BlogPosting","@id":"#post","headline":"Post","author":{"@id":"#/person/1"}},
              {"@type":"Person","@id":"#/person/1","name":"Krystyna Nowak"}]}
            """;

        var article = Assert.Single(JsonLdReader.ReadBlock(Json));

        Assert.Equal("Krystyna Nowak", Assert.Single(article.Authors).Name);
    }

    [Fact]
    public void ReadBlock_OrganizationAuthor_KeptApartFromPeople()
    {
        const string Json = """{"@type":"NewsArticle","headline":"H","author":[{"@type":"Organization","name":"USA TODAY"}]}""";

        var article = Assert.Single(JsonLdReader.ReadBlock(Json));

        Assert.Empty(article.Authors);
        Assert.Equal("USA TODAY", Assert.Single(article.OrganizationAuthors).Name);
    }

    [Fact]
    public void ReadBlock_OnlyWebPageNode_LendsDateButNoHeadline()
    {
        const string Json = """{"@graph":[{"@type":"WebPage","name":"SEO title | Site","datePublished":"2021-01-27T06:00:00+00:00"}]}""";

        var article = Assert.Single(JsonLdReader.ReadBlock(Json));

        Assert.Null(article.Headline);
        Assert.Equal(new DateTimeOffset(2021, 1, 27, 6, 0, 0, TimeSpan.Zero), article.Published);
    }
}

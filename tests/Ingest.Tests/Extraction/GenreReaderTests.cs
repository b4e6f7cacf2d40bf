using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class GenreReaderTests
{
    [Theory]
    [InlineData("OpinionNewsArticle", "News", "opinion")]
    [InlineData("NewsArticle", "Commentary", "opinion")]
    [InlineData("NewsArticle", "Sport", "sport")]
    [InlineData("ReviewNewsArticle", null, "review")]
    [InlineData("NewsArticle", null, null)]
    public void GenreOf_TypeAndGenre_OneNameForEachKind(string type, string? genre, string? expected)
    {
        Assert.Equal(expected, GenreReader.GenreOf(new JsonLdArticle { Type = type, Genre = genre }));
    }

    [Fact]
    public void GenreOf_NoJsonLd_Null()
    {
        Assert.Null(GenreReader.GenreOf(null));
    }
}

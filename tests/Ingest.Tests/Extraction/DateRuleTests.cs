using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>Published, modified and the page's "updated" line are kept apart; dates in many languages are read.</summary>
public sealed class DateRuleTests
{
    [Fact]
    public void UpdatedLineUnderTheHeadline_IsTheModifiedDate_NeverThePublishedOne()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            $"<article><h1>Council expands bus network</h1><p class=\"meta\">Updated July 9, 2025</p><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Null(article.Published);
        Assert.Equal(new DateTimeOffset(2025, 7, 9, 0, 0, 0, TimeSpan.Zero), article.Modified);
        Assert.Equal(FieldSource.DateLine, article.Sources["modified"]);
    }

    [Fact]
    public void DateOnlyInTheUrl_IsRead()
    {
        var article = TestPages.Article("<title>Council expands bus network</title>", TestPages.ArticleBody(), new Uri("https://news.example.com/2024/05/03/bus-network"));

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(FieldSource.Url, article.Sources["published"]);
    }

    [Theory]
    [InlineData("입력 2025. 9. 10. 오후 3:30", 2025, 9, 10)]
    [InlineData("Pubblicato il 18 ottobre 2024", 2024, 10, 18)]
    [InlineData("Publicado em 3 de março de 2025", 2025, 3, 3)]
    [InlineData("Gepubliceerd op 12 mei 2024", 2024, 5, 12)]
    public void VisibleDateLine_InOtherLanguages_IsTheDate(string line, int year, int month, int day)
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            $"<article><h1>Council expands bus network</h1><p class=\"date\">{line}</p><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), article.Published);
    }
}

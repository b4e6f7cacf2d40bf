using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>Published, modified and the page's "updated" line are kept apart; dates in many languages are read.</summary>
public sealed class DateRuleTests
{
    [Fact]
    public void UpdatedLineUnderTheHeadline_IsTheModifiedDate_NeverThePublishedOne()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title><meta property=\"article:published_time\" content=\"2024-03-02T08:00:00Z\">",
            $"<article><h1>Council expands bus network</h1><p class=\"meta\">Updated July 9, 2025</p><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal(new DateTimeOffset(2024, 3, 2, 8, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(new DateTimeOffset(2025, 7, 9, 0, 0, 0, TimeSpan.Zero), article.Modified);
        Assert.Equal(FieldSource.DateLine, article.Sources["modified"]);
    }

    [Fact]
    public void PageGivingOnlyItsUpdate_StandsItInForThePublication_SaysSo_AndIsNotTrustedMuch()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            $"<article><h1>Council expands bus network</h1><p class=\"meta\">Updated July 9, 2025</p><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal(new DateTimeOffset(2025, 7, 9, 0, 0, 0, TimeSpan.Zero), article.Modified);
        Assert.Equal(article.Modified, article.Published);
        Assert.Equal(FieldSource.Updated, article.Sources["published"]);
        Assert.Equal(0.7, article.Confidence["published"].Confidence);
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

    [Theory]
    [InlineData("<body data-analytics='{\"title\":\"Council expands bus network\",\"createDate\":20240425}'>", 2024, 4, 25)]
    [InlineData("<body><script>window.__STATE__={\"detail\":{\"deployDt\":\"2026.01.29 18:40\",\"reDeployDt\":\"2026.01.30 09:00\"}}</script>", 2026, 1, 29)]
    [InlineData("<body><script>self.__next_f.push([1,\"{\\\"publishedAt\\\":\\\"2024-05-03T10:00:00Z\\\"}\"])</script>", 2024, 5, 3)]
    public void DateOnlyInTheScriptState_IsRead_AsTheStatesDate(string opening, int year, int month, int day)
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            $"{opening}<article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal(new DateTime(year, month, day), article.Published?.Date);
        Assert.Equal(FieldSource.State, article.Sources["published"]);
    }

    [Theory]
    [InlineData("<script>var state={\"publisher\":{\"createdAt\":\"2025-09-17T16:39:28Z\"}}</script>")]
    [InlineData("<script>var state={\"reDeployDt\":\"2026.01.30 09:00\",\"updatedAt\":\"2026-01-30\"}</script>")]
    [InlineData("<script>var state={\"publishedAt\":\"1970-01-01T00:00:00Z\"}</script>")]
    public void ScriptState_WithoutAPublicationKey_OrWithAnImplausibleDate_GivesNoDate(string script)
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title>",
            $"<article><h1>Council expands bus network</h1>{script}<p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Null(article.Published);
    }

    [Fact]
    public void LastUpdate_StandsInBeforeTheScriptState_WhoseCreationStampsMayBeAnotherRecords()
    {
        var article = TestPages.Article(
            "<title>Council expands bus network</title><meta property=\"article:modified_time\" content=\"2025-07-09T10:00:00Z\">",
            $"<article><h1>Council expands bus network</h1><script>var s={{\"createDate\":20240425}}</script><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p><p>{TestPages.Paragraph3}</p></article>");

        Assert.Equal(new DateTime(2025, 7, 9), article.Published?.Date);
        Assert.Equal(FieldSource.Updated, article.Sources["published"]);
    }

    // A page whose JSON-LD gives the publication and the update, with "Published August 13, 2025" below the story and
    // a newsletter box, past paragraphs long enough (over 150 characters) that the headline's date line is not looked
    // for there.
    private static Article PageWithPublishedLineFurtherDown(string datePublished)
        => TestPages.Article(
            $$"""<title>Council expands bus network</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council expands bus network","datePublished":"{{datePublished}}","dateModified":"2025-11-29T12:28:31-05:00"}</script>""",
            $"<article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><p>{TestPages.Paragraph2} {TestPages.Paragraph3}</p><p>{TestPages.Paragraph3} {TestPages.Paragraph1}</p>"
            + "<div class=\"newsletter\"><p>Subscribe to our newsletter.</p></div><p>Published August 13, 2025</p></article>");

    [Fact]
    public void PublishedStampEqualToTheUpdate_GivesWayToAnEarlierPublishedLineFurtherDown()
    {
        var article = PageWithPublishedLineFurtherDown("2025-11-29T12:28:31-05:00");

        Assert.Equal(new DateTime(2025, 8, 13), article.Published!.Value.Date);
        Assert.Equal(FieldSource.DateLine, article.Sources["published"]);
        Assert.Equal(new DateTimeOffset(2025, 11, 29, 12, 28, 31, TimeSpan.FromHours(-5)), article.Modified);
    }

    [Fact]
    public void PublishedBeforeTheUpdate_StaysBesideALaterPrintedLine()
    {
        var article = PageWithPublishedLineFurtherDown("2025-11-20T12:28:31-05:00");

        Assert.Equal(new DateTime(2025, 11, 20), article.Published!.Value.Date);
        Assert.Equal(FieldSource.JsonLd, article.Sources["published"]);
    }
}

using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

/// <summary>Title rules on minimal pages.</summary>
public sealed class TitleRuleTests
{
    [Fact]
    public void H1BuiltOfPartsWithoutTheirSeparator_TakesTheDeclaredSpelling()
    {
        var article = TestPages.Article(
            """<meta property="og:title" content="Ausschuss zur Ahrtal-Flut: Zwei Rücktritte - und viele offene Fragen">""",
            $"<article><h1><span>Ausschuss zur Ahrtal-Flut</span> <span>Zwei Rücktritte - und viele offene Fragen</span></h1><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>");

        Assert.Equal("Ausschuss zur Ahrtal-Flut: Zwei Rücktritte - und viele offene Fragen", article.Title);
        Assert.Equal(FieldSource.Heading, article.Sources["title"]);
    }

    [Fact]
    public void H1OfOnePiece_KeepsItsOwnSpelling()
    {
        // The metadata writes "vs" where the page writes "vs.": only separators lost between parts are taken from it.
        var article = TestPages.Article(
            """<meta property="og:title" content="Group Music Classes vs Private Instruction: Which is Best for You?">""",
            $"<article><h1>Group Music Classes vs. Private Instruction: Which Is Best for You?</h1><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>");

        Assert.Equal("Group Music Classes vs. Private Instruction: Which Is Best for You?", article.Title);
    }

    [Fact]
    public void DeclaredHeadline_InAnotherWording_IsCarriedBesideTheVisibleOne_LessTheSiteName()
    {
        var article = TestPages.Article(
            """<meta property="og:site_name" content="Daily Example"><meta property="og:title" content="Nach Gaetz-Rückzug: Trump-Anwältin soll Justizministerin werden | Daily Example">""",
            $"<article><h1>Trump-Anwältin soll Justizministerin werden</h1><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>");

        Assert.Equal("Trump-Anwältin soll Justizministerin werden", article.Title);
        Assert.Equal("Nach Gaetz-Rückzug: Trump-Anwältin soll Justizministerin werden", article.DeclaredTitle);
    }

    [Theory]
    [InlineData("Sweden tells households ‘how to survive WWIII’")]
    [InlineData("SWEDEN TELLS HOUSEHOLDS 'HOW TO SURVIVE WWIII'")]
    [InlineData("Sweden tells house\u00adholds 'how to survive WWIII'")]
    [InlineData("Sweden tells households 'how to...")]
    public void DeclaredHeadline_ThatOnlySpellsOrCutsTheTitle_IsNotCarried(string declared)
    {
        var article = TestPages.Article(
            $"""<meta property="og:title" content="{declared}">""",
            $"<article><h1>Sweden tells households 'how to survive WWIII'</h1><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>");

        Assert.Equal("Sweden tells households 'how to survive WWIII'", article.Title);
        Assert.Null(article.DeclaredTitle);
    }

    [Fact]
    public void H1OfAStyledKickerAndATextRun_TakesTheDeclaredSpelling()
    {
        var article = TestPages.Article(
            """<script type="application/ld+json">{"@type":"NewsArticle","headline":"Polizei fasst zwei Täter: Diebstahl binnen zwei Tagen aufgeklärt"}</script>""",
            $"<article><h1><span class=\"kicker\">Polizei fasst zwei Täter:</span>Diebstahl binnen zwei Tagen aufgeklärt</h1><p>{TestPages.Paragraph1}</p><p>{TestPages.Paragraph2}</p></article>");

        Assert.Equal("Polizei fasst zwei Täter: Diebstahl binnen zwei Tagen aufgeklärt", article.Title);
    }

    [Theory]
    [InlineData("장동혁, 한동훈 제명했지만 부담 커졌다-정치ㅣ한국일보", "장동혁, 한동훈 제명했지만 부담 커졌다")]
    [InlineData("장동혁, 한동훈 제명했지만 부담 커졌다ㅣ한국일보", "장동혁, 한동훈 제명했지만 부담 커졌다")]
    [InlineData("코로나-19 확진자 다시 늘었다 ㅣ 한국일보", "코로나-19 확진자 다시 늘었다")]
    public void KoreanSiteNameAfterTheHangulPipe_IsDropped_WithTheSectionGluedBeforeIt(string title, string headline)
    {
        Assert.Equal(headline, TitleCleaner.Clean(title, "한국일보", new Uri("https://www.hankookilbo.com/News/Read/A2026012915")));
    }
}

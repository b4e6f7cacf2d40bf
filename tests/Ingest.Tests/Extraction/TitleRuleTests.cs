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
}

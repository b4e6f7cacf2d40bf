using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class PageFurnitureTests
{
    private const string Page = """
        <nav><a id="nav" href="/">Home</a></nav>
        <main><article><h1>Council expands bus network</h1><p id="body">Text</p><footer id="article-footer"><span id="byline">By Jane Doe</span></footer></article>
        <footer id="main-footer">Filed under Transport</footer></main>
        <aside><p id="aside">Most read</p></aside>
        <footer id="around"><article><p>A teaser</p></article></footer>
        <footer id="page-footer"><p id="copyright">© Example News</p></footer>
        """;

    private static AngleSharp.Dom.IElement Element(string id) => new HtmlParser().ParseDocument(Page).GetElementById(id)!;

    [Theory]
    [InlineData("article-footer", false)] // an article's own footer: its author and date
    [InlineData("main-footer", false)]
    [InlineData("around", false)] // around an article: not the page's
    [InlineData("page-footer", true)]
    public void IsPageFooter_Footer_OnlyOutsideAndWithoutArticles(string id, bool expected)
    {
        Assert.Equal(expected, PageFurniture.IsPageFooter(Element(id)));
    }

    [Theory]
    [InlineData("nav", true)]
    [InlineData("aside", true)]
    [InlineData("copyright", true)]
    [InlineData("byline", false)]
    [InlineData("body", false)]
    public void InPageFurniture_Element_TrueInNavigationSideColumnsAndThePagesFooter(string id, bool expected)
    {
        Assert.Equal(expected, PageFurniture.InPageFurniture(Element(id)));
    }

    [Theory]
    [InlineData("copyright", true)]
    [InlineData("byline", false)]
    [InlineData("nav", false)]
    public void InPageFooter_Element_TrueOnlyInThePagesFooter(string id, bool expected)
    {
        Assert.Equal(expected, PageFurniture.InPageFooter(Element(id)));
    }
}

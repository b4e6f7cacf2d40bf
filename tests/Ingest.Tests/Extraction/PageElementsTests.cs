using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class PageElementsTests
{
    [Fact]
    public void PageElements_Document_EveryElementInOrderAndTheBodysOwn()
    {
        var document = DomSnippets.Parser.ParseDocument("<title>t</title><p>a<b>b</b></p><div><p>c</p></div>");

        var page = new PageElements(document);

        Assert.Equal(document.QuerySelectorAll("*"), page.All);
        Assert.Equal(DomTree.Descendants(document.Body!), page.InBody);
    }
}

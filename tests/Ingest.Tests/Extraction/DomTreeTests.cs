using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class DomTreeTests
{
    [Theory]
    [InlineData("a", "a")]
    [InlineData("section", "section")]
    [InlineData("div", "div")]
    [InlineData("nav, aside, div", "nav", "aside", "div")]
    [InlineData("article", "article")]
    public void ClosestTag_TagNames_SameAsClosestWithTheirSelector(string selector, params string[] tags)
    {
        foreach (var element in DomTree.Descendants(DomSnippets.Root(3)))
        {
            Assert.Same(element.Closest(selector), DomTree.ClosestTag(element, tags));
        }
    }

    [Fact]
    public void Descendants_NestedElements_DocumentOrder()
    {
        var names = DomTree.Descendants(DomSnippets.Root(3)).Select(e => e.LocalName);

        Assert.Equal(["p", "section", "h2", "p", "a"], names);
    }
}

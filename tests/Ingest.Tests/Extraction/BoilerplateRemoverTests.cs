using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class BoilerplateRemoverTests
{
    [Theory]
    [InlineData("sidebar-widget", true)]
    [InlineData("mt-5 grid-toc-content-sidebar", false)]
    [InlineData("main-with-sidebar", false)]
    [InlineData("related-articles", true)]
    [InlineData("sharedaddy sd-block sd-like jetpack-likes-widget-wrapper", true)]
    [InlineData("jp-relatedposts", true)]
    [InlineData("collection-cta article-cta-box", true)]
    [InlineData("expanded-byline__bio", true)]
    [InlineData("post-disclaimer", true)]
    [InlineData("biography-text", false)]
    public void IsBoilerplate_ClassNames_LayoutWrappersAreNotFurniture(string classes, bool expected)
    {
        using var document = new HtmlParser().ParseDocument($"<div class=\"{classes}\"></div>");

        Assert.Equal(expected, BoilerplateRemover.IsBoilerplate(document.QuerySelector("div")!));
    }
}

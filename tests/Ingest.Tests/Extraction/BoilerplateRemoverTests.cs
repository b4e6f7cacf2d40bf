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

    [Fact]
    public void Clean_HighlightedTokensInCode_KeepsThemAndDropsFurnitureOutside()
    {
        using var document = new HtmlParser().ParseDocument("""
            <body><main>
              <pre><code class="language-bash"><span class="hljs-comment"># initialise the repository</span>
            git init</code></pre>
              <div class="comments"><p>Join the discussion below.</p></div>
            </main></body>
            """);

        BoilerplateRemover.Clean(document.Body!);

        Assert.Contains("# initialise the repository", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the discussion below.", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_CollapsedAccordionPanel_KeepsItAndDropsOtherHiddenBlocks()
    {
        using var document = new HtmlParser().ParseDocument("""
            <body><main>
              <a id="step1" role="button" aria-controls="panel1">1. Read your bill</a>
              <div id="panel1" style="display:none;" role="region" aria-labelledby="step1"><p>Gather twelve months of bills.</p></div>
              <div style="display: none"><p>Loading the video player.</p></div>
            </main></body>
            """);

        BoilerplateRemover.Clean(document.Body!);

        Assert.Contains("Gather twelve months of bills.", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading the video player.", document.Body!.TextContent, StringComparison.Ordinal);
    }
}

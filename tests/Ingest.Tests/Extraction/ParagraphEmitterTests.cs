using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class ParagraphEmitterTests
{
    [Fact]
    public void Emit_MixedContainer_ParagraphsInOrderWithoutRepeatsHeadlinesOrLinkLines()
    {
        var container = new HtmlParser().ParseDocument("""
            <div id="x"><p>One.</p><p>One.</p>Loose text<br>more<ul><li>Item</li></ul><p><a href="/">All link text here</a> ok</p><h1>Headline</h1><figcaption>Caption</figcaption></div>
            """).GetElementById("x")!;
        var paragraphs = new List<string>();

        ParagraphEmitter.Emit(container, paragraphs, new HashSet<string>(StringComparer.Ordinal));

        Assert.Equal(["One.", "Loose text", "more", "Item"], paragraphs);
    }
}

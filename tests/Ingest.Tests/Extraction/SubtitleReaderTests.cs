using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class SubtitleReaderTests
{
    private static string? SubtitleOf(string body)
    {
        var document = new HtmlParser().ParseDocument($"<html><body>{body}</body></html>");
        return SubtitleReader.SubtitleOf(new PageElements(document), document.QuerySelector("h1"));
    }

    [Fact]
    public void SubtitleOf_StandfirstClass_ItsText()
    {
        Assert.Equal("A bigger network for the east", SubtitleOf($"<article><h1>Council expands bus network</h1><p class=\"article-dek\">A bigger network for the east</p><p>{TestPages.Paragraph1}</p></article>"));
    }

    [Fact]
    public void SubtitleOf_SmallerHeadingRightAfterTheHeadline_ItsText()
    {
        Assert.Equal("Twelve new routes for the east", SubtitleOf($"<article><header><h1>Council expands bus network</h1><h2>Twelve new routes for the east</h2></header><p>{TestPages.Paragraph1}</p></article>"));
    }

    [Fact]
    public void SubtitleOf_HeadingAfterTheBodyBegan_Null()
    {
        Assert.Null(SubtitleOf($"<article><h1>Council expands bus network</h1><p>{TestPages.Paragraph1} {TestPages.Paragraph2}</p><h2>More stories from the city</h2></article>"));
    }
}

using AngleSharp.Html.Parser;
using Ingest.Extraction;

namespace Ingest.Tests.Extraction;

public sealed class ImageReaderTests
{
    [Fact]
    public void ImagesOf_OgJsonLdAndTwitter_AbsoluteEachOnceInThatOrder()
    {
        var document = new HtmlParser().ParseDocument("""
            <html><head>
            <meta name="twitter:image" content="https://cdn.example.com/a.jpg">
            <meta property="og:image" content="/images/a.jpg"><meta property="og:image" content="data:image/png;base64,AAAA">
            </head></html>
            """);
        var meta = MetaTagReader.MetaValues(new PageElements(document));
        var jsonLd = new JsonLdArticle { Type = "NewsArticle", Images = ["https://cdn.example.com/a.jpg", "https://news.example.com/images/a.jpg"] };

        var images = ImageReader.ImagesOf(TestPages.Url, jsonLd, meta);

        Assert.Equal(["https://news.example.com/images/a.jpg", "https://cdn.example.com/a.jpg"], images.Select(i => i.Url));
    }
}

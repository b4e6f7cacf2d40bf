using System.Text;
using Ingest.Discovery;

namespace Ingest.Tests.Discovery;

public sealed class LinkExtractionTests
{
    private static readonly Uri Site = new("https://news.example/section/");

    [Fact]
    public void FromFeed_Rss_ReturnsItemLinksInOrder()
    {
        var rss = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>t</title><link>https://news.example/</link><description>d</description>
              <item><title>a</title><link>https://news.example/a</link></item>
              <item><title>b</title><link>https://news.example/b?utm_source=rss</link></item>
            </channel></rss>
            """;

        var links = LinkExtraction.FromFeed(Encoding.UTF8.GetBytes(rss), Site);

        Assert.Equal(["https://news.example/a", "https://news.example/b?utm_source=rss"], links.Select(l => l.Url.AbsoluteUri));
    }

    [Fact]
    public void FromFeed_Atom_ReturnsAlternateLinks()
    {
        var atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2025-01-01T00:00:00Z</updated>
              <entry><title>a</title><id>urn:a</id><updated>2025-01-01T00:00:00Z</updated><link rel="alternate" href="https://news.example/a"/></entry>
            </feed>
            """;

        var links = LinkExtraction.FromFeed(Encoding.UTF8.GetBytes(atom), Site);

        var link = Assert.Single(links);
        Assert.Equal("https://news.example/a", link.Url.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), link.Updated);
    }

    [Fact]
    public void FromFeed_Html_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => LinkExtraction.FromFeed("<html><body>hi</body></html>"u8.ToArray(), Site));

        Assert.Contains("not an RSS or Atom feed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFeed_DocumentTypeDefinition_IsRefused()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <rss version="2.0"><channel><title>&lol2;</title></channel></rss>
            """;

        Assert.Throws<FormatException>(() => LinkExtraction.FromFeed(Encoding.UTF8.GetBytes(bomb), Site));
    }

    [Fact]
    public void FromListing_Selector_ResolvesRelativeLinksAndDropsOtherSchemes()
    {
        var html = """
            <html><body><nav><a href="/home">Home</a></nav>
            <main><a class="headline" href="story-1">1</a><a class="headline" href="/story-2#top">2</a>
            <a class="headline" href="https://other.example/3">3</a><a class="headline" href="mailto:x@y">mail</a>
            <a class="headline" href="javascript:alert(1)">js</a></main></body></html>
            """;

        var (links, next) = LinkExtraction.FromListing(Encoding.UTF8.GetBytes(html), Site, "main a.headline");

        Assert.Equal(
            ["https://news.example/section/story-1", "https://news.example/story-2#top", "https://other.example/3"],
            links.Select(l => l.Url.AbsoluteUri));
        Assert.Null(next);
    }

    [Fact]
    public void FromListing_NextPageSelector_ReturnsTheNextPage()
    {
        var html = """<main><a class="h" href="/a">a</a></main><nav class="pager"><a rel="next" href="?page=2">Next</a></nav>""";

        var (_, next) = LinkExtraction.FromListing(Encoding.UTF8.GetBytes(html), Site, "main a.h", "a[rel=next]");

        Assert.Equal("https://news.example/section/?page=2", next?.AbsoluteUri);
    }

    [Fact]
    public void FromSitemap_UrlSetWithNewsDates_ReturnsPagesWithTheirDates()
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>https://news.example/a</loc><lastmod>2025-09-10</lastmod></url>
              <url><loc> https://news.example/b </loc>
                <news:news><news:publication_date>2025-09-11T08:00:00+09:00</news:publication_date><news:title>B</news:title></news:news>
              </url>
              <url><loc>ftp://news.example/c</loc></url>
            </urlset>
            """;

        var content = LinkExtraction.FromSitemap(Encoding.UTF8.GetBytes(xml), new Uri("https://news.example/sitemap.xml"));

        Assert.Empty(content.Sitemaps);
        Assert.Equal(["https://news.example/a", "https://news.example/b"], content.Pages.Select(p => p.Url.AbsoluteUri));
        Assert.Equal(new DateTimeOffset(2025, 9, 10, 0, 0, 0, TimeSpan.Zero), content.Pages[0].Updated);
        Assert.Equal(new DateTimeOffset(2025, 9, 11, 8, 0, 0, TimeSpan.FromHours(9)), content.Pages[1].Updated);
    }

    [Fact]
    public void FromSitemap_GzipIndex_ReturnsChildSitemaps()
    {
        var xml = """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://news.example/sitemap-2025-09.xml.gz</loc><lastmod>2025-09-30</lastmod></sitemap>
              <sitemap><loc>/sitemap-2025-10.xml</loc></sitemap>
            </sitemapindex>
            """;
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(xml));
        }

        var content = LinkExtraction.FromSitemap(buffer.ToArray(), new Uri("https://news.example/sitemap_index.xml.gz"));

        Assert.Empty(content.Pages);
        Assert.Equal(["https://news.example/sitemap-2025-09.xml.gz", "https://news.example/sitemap-2025-10.xml"], content.Sitemaps.Select(s => s.Url.AbsoluteUri));
    }

    [Fact]
    public void FromSitemap_GzipBomb_IsRefused()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("<urlset>"));
            gzip.Write(new byte[LinkExtraction.MaxSitemapBytes + 1]);
        }

        var ex = Assert.Throws<FormatException>(() => LinkExtraction.FromSitemap(buffer.ToArray(), new Uri("https://news.example/s.xml.gz")));

        Assert.Contains("inflates past", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSitemap_Html_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => LinkExtraction.FromSitemap("<html><body/></html>"u8.ToArray(), new Uri("https://news.example/s.xml")));
    }
}

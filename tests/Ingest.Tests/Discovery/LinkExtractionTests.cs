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

        Assert.Equal(["https://news.example/a", "https://news.example/b?utm_source=rss"], links.Select(l => l.AbsoluteUri));
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

        Assert.Equal("https://news.example/a", Assert.Single(links).AbsoluteUri);
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

        var links = LinkExtraction.FromListing(Encoding.UTF8.GetBytes(html), Site, "main a.headline");

        Assert.Equal(
            ["https://news.example/section/story-1", "https://news.example/story-2#top", "https://other.example/3"],
            links.Select(l => l.AbsoluteUri));
    }
}

using System.Globalization;
using System.IO.Compression;
using System.ServiceModel.Syndication;
using System.Xml;
using AngleSharp.Html.Parser;

namespace Ingest.Discovery;

/// <summary>A link found by discovery, with the date the source gives for it (feed item update, sitemap lastmod), if any.</summary>
public sealed record DiscoveredLink(Uri Url, DateTimeOffset? Updated = null);

/// <summary>What a sitemap holds: page URLs, or (for a sitemap index) more sitemaps.</summary>
public sealed record SitemapContent(IReadOnlyList<DiscoveredLink> Pages, IReadOnlyList<DiscoveredLink> Sitemaps);

/// <summary>Finds article links in a feed, a listing page or a sitemap. Pure: bytes in, absolute URLs out.</summary>
public static class LinkExtraction
{
    /// <summary>A sitemap is at most 50 MB uncompressed (sitemaps.org); a gzip one is not inflated past that.</summary>
    public const int MaxSitemapBytes = 50 * 1024 * 1024;

    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// The item links of an RSS 2.0 or Atom 1.0 feed, in feed order, with each item's update or publish date.
    /// Throws <see cref="FormatException"/> when the bytes are not a feed. DTDs are refused (no entity expansion).
    /// </summary>
    public static IReadOnlyList<DiscoveredLink> FromFeed(ReadOnlyMemory<byte> content, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        SyndicationFeed feed;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, SafeXml());
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or InvalidOperationException)
        {
            throw new FormatException($"{feedUrl} is not an RSS or Atom feed: {ex.Message}", ex);
        }

        var links = new List<DiscoveredLink>();
        foreach (var item in feed.Items)
        {
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri
                ?? (Uri.TryCreate(item.Id, UriKind.Absolute, out var id) ? id : null);
            if (link is not null && Absolute(feedUrl, link) is { } absolute)
            {
                DateTimeOffset? updated = item.LastUpdatedTime != default ? item.LastUpdatedTime
                    : item.PublishDate != default ? item.PublishDate
                    : null;
                links.Add(new DiscoveredLink(absolute, updated));
            }
        }

        return links;
    }

    /// <summary>The links of a listing page that match <paramref name="selector"/>, in document order, and the next page's URL.</summary>
    public static (IReadOnlyList<DiscoveredLink> Links, Uri? NextPage) FromListing(ReadOnlyMemory<byte> content, Uri pageUrl, string? selector, string? nextPageSelector = null)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        using var document = Parser.ParseDocument(stream);
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Uri.TryCreate(pageUrl, b, out var declared)
            ? declared
            : pageUrl;
        var links = new List<DiscoveredLink>();
        foreach (var anchor in document.QuerySelectorAll(selector ?? "a[href]"))
        {
            if (Resolve(baseUrl, anchor.GetAttribute("href")) is { } url)
            {
                links.Add(new DiscoveredLink(url));
            }
        }

        var next = nextPageSelector is null ? null : Resolve(baseUrl, document.QuerySelector(nextPageSelector)?.GetAttribute("href"));
        return (links, next);
    }

    /// <summary>
    /// The pages and child sitemaps of a sitemap or sitemap index (sitemaps.org, Google news sitemaps), gzip or not.
    /// Throws <see cref="FormatException"/> when the bytes are neither.
    /// </summary>
    public static SitemapContent FromSitemap(ReadOnlyMemory<byte> content, Uri sitemapUrl)
    {
        ArgumentNullException.ThrowIfNull(sitemapUrl);
        var pages = new List<DiscoveredLink>();
        var sitemaps = new List<DiscoveredLink>();
        try
        {
            using var stream = Open(content);
            using var reader = XmlReader.Create(stream, SafeXml());
            reader.MoveToContent();
            var root = reader.LocalName;
            if (root is not ("urlset" or "sitemapindex"))
            {
                throw new FormatException($"{sitemapUrl} is not a sitemap: its root element is <{root}>.");
            }

            string? loc = null;
            DateTimeOffset? date = null;

            // ReadElementContentAsString moves past the element it reads, so the loop advances by hand.
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "loc")
                {
                    loc = reader.ReadElementContentAsString().Trim();
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "lastmod" or "publication_date")
                {
                    var parsed = ParseDate(reader.ReadElementContentAsString());
                    date = date is null || parsed > date ? parsed : date;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "url" or "sitemap")
                {
                    loc = null;
                    date = null;
                    reader.Read();
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "url" or "sitemap")
                {
                    if (loc is not null && Resolve(sitemapUrl, loc) is { } url)
                    {
                        (reader.LocalName == "url" ? pages : sitemaps).Add(new DiscoveredLink(url, date));
                    }

                    loc = null;
                    reader.Read();
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw new FormatException($"{sitemapUrl} is not a readable sitemap: {ex.Message}", ex);
        }

        return new SitemapContent(pages, sitemaps);
    }

    private static Stream Open(ReadOnlyMemory<byte> content)
    {
        var raw = new MemoryStream(content.ToArray(), writable: false);
        if (content.Length < 2 || content.Span[0] != 0x1f || content.Span[1] != 0x8b)
        {
            return raw;
        }

        // Gzip: inflate with a limit, so a small file cannot expand without bound.
        using var gzip = new GZipStream(raw, CompressionMode.Decompress);
        var inflated = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (inflated.Length + read > MaxSitemapBytes)
            {
                throw new InvalidDataException($"it inflates past {MaxSitemapBytes} bytes");
            }

            inflated.Write(buffer, 0, read);
        }

        inflated.Position = 0;
        return inflated;
    }

    private static DateTimeOffset? ParseDate(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static XmlReaderSettings SafeXml() =>
        new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxSitemapBytes };

    private static Uri? Resolve(Uri baseUrl, string? href) =>
        !string.IsNullOrWhiteSpace(href) && Uri.TryCreate(baseUrl, href.Trim(), out var url) ? Absolute(baseUrl, url) : null;

    private static Uri? Absolute(Uri baseUrl, Uri link)
    {
        var absolute = link.IsAbsoluteUri ? link : new Uri(baseUrl, link);
        return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute : null;
    }
}

using System.Xml;
using AngleSharp.Html.Parser;
using System.ServiceModel.Syndication;

namespace Ingest.Discovery;

/// <summary>Finds article links in a feed or a listing page. Pure: bytes in, absolute URLs out.</summary>
public static class LinkExtraction
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// The item links of an RSS 2.0 or Atom 1.0 feed, in feed order. Throws <see cref="FormatException"/> when the
    /// bytes are not a feed. DTDs are refused, so entity expansion cannot be used against us.
    /// </summary>
    public static IReadOnlyList<Uri> FromFeed(ReadOnlyMemory<byte> content, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 50_000_000 };
        SyndicationFeed feed;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or InvalidOperationException)
        {
            throw new FormatException($"{feedUrl} is not an RSS or Atom feed: {ex.Message}", ex);
        }

        var links = new List<Uri>();
        foreach (var item in feed.Items)
        {
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri
                ?? (Uri.TryCreate(item.Id, UriKind.Absolute, out var id) ? id : null);
            if (link is not null && Absolute(feedUrl, link) is { } absolute)
            {
                links.Add(absolute);
            }
        }

        return links;
    }

    /// <summary>The links of a listing page that match <paramref name="selector"/>, in document order.</summary>
    public static IReadOnlyList<Uri> FromListing(ReadOnlyMemory<byte> content, Uri pageUrl, string? selector)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        using var document = Parser.ParseDocument(stream);
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Uri.TryCreate(pageUrl, b, out var declared)
            ? declared
            : pageUrl;
        var links = new List<Uri>();
        foreach (var anchor in document.QuerySelectorAll(selector ?? "a[href]"))
        {
            var href = anchor.GetAttribute("href");
            if (!string.IsNullOrWhiteSpace(href) && Uri.TryCreate(baseUrl, href.Trim(), out var url) && Absolute(baseUrl, url) is { } absolute)
            {
                links.Add(absolute);
            }
        }

        return links;
    }

    private static Uri? Absolute(Uri baseUrl, Uri link)
    {
        var absolute = link.IsAbsoluteUri ? link : new Uri(baseUrl, link);
        return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute : null;
    }
}

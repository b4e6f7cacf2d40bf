using System.Text.RegularExpressions;
using Ingest.Fetching;
using Ingest.Sources;

namespace Ingest.Discovery;

/// <summary>
/// Reads one source (its feed, listing pages or sitemaps) through the fetcher and returns the article links it lists:
/// canonical, on the source's hosts, matching its include and exclude patterns, one per URL (the newest date wins),
/// at most <see cref="SourceOptions.MaxItems"/>.
/// </summary>
public sealed class SourceReader(PageFetcher fetcher)
{
    /// <summary>
    /// The source's article links, or why the source could not be read, and how many links were skipped for being
    /// longer than <see cref="UrlLimit.MaxLength"/> (counted once each, after canonicalisation, so the caller can say so once).
    /// </summary>
    public async Task<(IReadOnlyList<DiscoveredLink> Articles, string? Error, int TooLong)> ReadAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (links, error) = source.Kind switch
        {
            SourceKind.Feed => await FeedAsync(source, cancellationToken),
            SourceKind.Sitemap => await SitemapAsync(source, cancellationToken),
            _ => await ListingAsync(source, cancellationToken),
        };
        if (error is not null)
        {
            return ([], error, 0);
        }

        var include = source.Include is null ? null : new Regex(source.Include, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var exclude = source.Exclude is null ? null : new Regex(source.Exclude, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var hosts = source.ArticleHosts();
        var canonical = links.Select(l => l with { Url = source.Canonicalize(l.Url) }).ToList();
        var tooLong = canonical.Where(l => UrlLimit.ProblemOf(l.Url) is not null).Select(l => l.Url.AbsoluteUri).Distinct(StringComparer.Ordinal).Count();
        return (canonical
            .Where(l => UrlLimit.ProblemOf(l.Url) is null
                && hosts.Contains(l.Url.Host)
                && (include is null || include.IsMatch(l.Url.AbsoluteUri))
                && (exclude is null || !exclude.IsMatch(l.Url.AbsoluteUri)))
            .GroupBy(l => l.Url.AbsoluteUri, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(l => l.Updated).First())
            .Take(source.MaxItems)
            .ToList(), null, tooLong);
    }

    private async Task<(IReadOnlyList<DiscoveredLink> Links, string? Error)> FeedAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var url = new Uri(source.Url);
        var fetched = await fetcher.FetchAsync(url, cancellationToken);
        return fetched.Status == FetchStatus.Fetched
            ? (LinkExtraction.FromFeed(fetched.Content, fetched.FinalUrl ?? url), null)
            : ([], $"feed {url} not fetched: {fetched.Reason}");
    }

    private async Task<(IReadOnlyList<DiscoveredLink> Links, string? Error)> ListingAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var links = new List<DiscoveredLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? page = new(source.Url);
        for (var n = 0; page is not null && n < source.MaxPages && seen.Add(page.AbsoluteUri); n++)
        {
            var fetched = await fetcher.FetchAsync(page, cancellationToken);
            if (fetched.Status != FetchStatus.Fetched)
            {
                if (n == 0)
                {
                    return ([], $"listing {page} not fetched: {fetched.Reason}");
                }

                break;
            }

            var (found, next) = LinkExtraction.FromListing(fetched.Content, fetched.FinalUrl ?? page, source.LinkSelector, source.NextPageSelector);
            links.AddRange(found);
            page = next;
        }

        return (links, null);
    }

    private async Task<(IReadOnlyList<DiscoveredLink> Links, string? Error)> SitemapAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var pages = new List<DiscoveredLink>();
        var pending = new List<DiscoveredLink> { new(new Uri(source.Url)) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        while (pending.Count > 0 && read < source.MaxPages)
        {
            // Newest child sitemap first: news sites add to the latest one.
            var next = pending.OrderByDescending(s => s.Updated).First();
            pending.Remove(next);
            if (!seen.Add(next.Url.AbsoluteUri))
            {
                continue;
            }

            var fetched = await fetcher.FetchAsync(next.Url, cancellationToken);
            read++;
            if (fetched.Status != FetchStatus.Fetched)
            {
                if (read == 1)
                {
                    return ([], $"sitemap {next.Url} not fetched: {fetched.Reason}");
                }

                continue;
            }

            var content = LinkExtraction.FromSitemap(fetched.Content, fetched.FinalUrl ?? next.Url);
            pages.AddRange(content.Pages);
            pending.AddRange(content.Sitemaps);
        }

        // Newest pages first, so MaxItems keeps the recent ones.
        return (pages.OrderByDescending(p => p.Updated).ToList(), null);
    }
}

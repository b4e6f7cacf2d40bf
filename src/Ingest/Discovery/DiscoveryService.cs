using System.Text.RegularExpressions;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Discovery;

/// <summary>What one discovery run found, source by source.</summary>
public sealed record DiscoveryReport(IReadOnlyList<SourceDiscovery> Sources)
{
    /// <summary>Links enqueued over all sources.</summary>
    public int Enqueued => Sources.Sum(s => s.Enqueued);

    /// <summary>True when at least one source failed.</summary>
    public bool HasFailures => Sources.Any(s => s.Error is not null);
}

/// <summary>One source's part of a discovery run.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Found">Article links that passed the source's filters.</param>
/// <param name="Enqueued">Links enqueued: new articles, changed ones, and known ones due for a (conditional) re-check.</param>
/// <param name="Known">Links skipped because the stored article is current.</param>
/// <param name="Error">Why the source failed, if it did.</param>
/// <param name="NotDue">Set when the source's own schedule says it is not due yet.</param>
public sealed record SourceDiscovery(string Source, int Found, int Enqueued, int Known, string? Error, string? NotDue = null);

/// <summary>
/// Reads every configured source (feed, listing pages, sitemaps) and enqueues an <see cref="IngestRequest"/> for each
/// article that is new, changed (the source dates it after our last fetch), or due for a re-check. A known, current
/// article costs one HEAD request on storage and is not enqueued. A source that fails is reported and does not stop
/// the others.
/// </summary>
public sealed partial class DiscoveryService(
    PageFetcher fetcher,
    IngestQueues queues,
    ArticleStore store,
    IOptions<IngestOptions> options,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<DiscoveryService> logger)
{
    /// <summary>Discovers all due sources and enqueues what they list.</summary>
    public async Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<SourceDiscovery>();
        foreach (var source in options.Value.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SourceDiscovery result;
            try
            {
                result = await DiscoverAsync(source, cancellationToken);
            }
            catch (Exception ex) when (ex is TransientFetchException or FormatException or HttpRequestException or Azure.RequestFailedException or RegexMatchTimeoutException)
            {
                result = new SourceDiscovery(source.Name, 0, 0, 0, ex.Message);
            }

            if (result.NotDue is not null)
            {
                Log.SourceNotDue(logger, source.Name, result.NotDue);
            }
            else if (result.Error is null)
            {
                Log.SourceDiscovered(logger, source.Name, result.Found, result.Enqueued, result.Known);
            }
            else
            {
                Log.SourceFailed(logger, source.Name, result.Error);
            }

            tally.RecordDiscovery(result);
            results.Add(result);
        }

        return new DiscoveryReport(results);
    }

    private async Task<SourceDiscovery> DiscoverAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (source.Schedule is not null)
        {
            var last = await store.GetLastDiscoveryAsync(source.Name, cancellationToken);
            if (!SourceSchedule.IsDue(source.Schedule, last, now))
            {
                return new SourceDiscovery(source.Name, 0, 0, 0, null, $"schedule '{source.Schedule}', last discovered {last:O}");
            }
        }

        var (links, error) = source.Kind switch
        {
            SourceKind.Feed => await FeedAsync(source, cancellationToken),
            SourceKind.Sitemap => await SitemapAsync(source, cancellationToken),
            _ => await ListingAsync(source, cancellationToken),
        };
        if (error is not null)
        {
            return new SourceDiscovery(source.Name, 0, 0, 0, error);
        }

        var include = source.Include is null ? null : new Regex(source.Include, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var exclude = source.Exclude is null ? null : new Regex(source.Exclude, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var hosts = source.ArticleHosts();
        var articles = links
            .Select(l => l with { Url = source.Canonicalize(l.Url) })
            .Where(l => hosts.Contains(l.Url.Host)
                && (include is null || include.IsMatch(l.Url.AbsoluteUri))
                && (exclude is null || !exclude.IsMatch(l.Url.AbsoluteUri)))
            .GroupBy(l => l.Url.AbsoluteUri, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(l => l.Updated).First())
            .Take(source.MaxItems)
            .ToList();

        int enqueued = 0, known = 0;
        var refetchAfter = TimeSpan.FromHours(source.RefetchAfterHours);
        foreach (var article in articles)
        {
            var info = await store.GetInfoAsync(ArticleId.FromCanonicalUrl(article.Url), cancellationToken);
            var due = info is null
                || (article.Updated is { } updated && updated > info.FetchedAt)
                || (source.RefetchAfterHours > 0 && now - info.CheckedAt >= refetchAfter);
            if (!due)
            {
                known++;
                continue;
            }

            await queues.SendAsync(new IngestRequest(article.Url.AbsoluteUri, source.Name, now), cancellationToken);
            enqueued++;
        }

        await store.SetLastDiscoveryAsync(source.Name, now, cancellationToken);
        return new SourceDiscovery(source.Name, articles.Count, enqueued, known, null);
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Discovered source {Source}: {Found} articles listed, {Enqueued} enqueued, {Known} known and current")]
        public static partial void SourceDiscovered(ILogger logger, string source, int found, int enqueued, int known);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Discovery of source {Source} failed: {Reason}")]
        public static partial void SourceFailed(ILogger logger, string source, string reason);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Source {Source} is not due: {Reason}")]
        public static partial void SourceNotDue(ILogger logger, string source, string reason);
    }
}

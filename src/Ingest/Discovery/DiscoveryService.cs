using System.Text.RegularExpressions;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
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
public sealed record SourceDiscovery(string Source, int Found, int Enqueued, string? Error);

/// <summary>
/// Reads every configured source and fans its article links out as <see cref="IngestRequest"/> messages. A source
/// that fails is reported and does not stop the others.
/// </summary>
public sealed partial class DiscoveryService(
    PageFetcher fetcher,
    IngestQueues queues,
    IOptions<IngestOptions> options,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<DiscoveryService> logger)
{
    /// <summary>Discovers all sources and enqueues what they list.</summary>
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
            catch (Exception ex) when (ex is TransientFetchException or FormatException or HttpRequestException or Azure.RequestFailedException)
            {
                result = new SourceDiscovery(source.Name, 0, 0, ex.Message);
            }

            if (result.Error is null)
            {
                Log.SourceDiscovered(logger, source.Name, result.Found, result.Enqueued);
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
        var url = new Uri(source.Url);
        var fetched = await fetcher.FetchAsync(url, cancellationToken);
        if (fetched.Status != FetchStatus.Fetched)
        {
            return new SourceDiscovery(source.Name, 0, 0, $"{source.Kind.ToString().ToLowerInvariant()} {url} not fetched: {fetched.Reason}");
        }

        var links = source.Kind == SourceKind.Feed
            ? LinkExtraction.FromFeed(fetched.Content, fetched.FinalUrl ?? url)
            : LinkExtraction.FromListing(fetched.Content, fetched.FinalUrl ?? url, source.LinkSelector);

        var include = source.Include is null ? null : new Regex(source.Include, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var hosts = source.ArticleHosts();
        var articles = links
            .Select(UrlCanonicalizer.Canonicalize)
            .Where(u => hosts.Contains(u.Host) && (include is null || include.IsMatch(u.AbsoluteUri)))
            .DistinctBy(u => u.AbsoluteUri)
            .Take(source.MaxItems)
            .ToList();

        var now = time.GetUtcNow();
        foreach (var article in articles)
        {
            await queues.SendAsync(new IngestRequest(article.AbsoluteUri, source.Name, now), cancellationToken);
        }

        return new SourceDiscovery(source.Name, links.Count, articles.Count, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Discovered source {Source}: {Found} links, {Enqueued} articles enqueued")]
        public static partial void SourceDiscovered(ILogger logger, string source, int found, int enqueued);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Discovery of source {Source} failed: {Reason}")]
        public static partial void SourceFailed(ILogger logger, string source, string reason);
    }
}

using System.Text.RegularExpressions;
using Ingest.Discovery;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Sources;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>What one discovery run found, source by source.</summary>
public sealed record DiscoveryReport(IReadOnlyList<SourceDiscovery> Sources)
{
    /// <summary>The run's id, carried by every request it enqueued.</summary>
    public string? Run { get; init; }

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
    SourceReader reader,
    IngestQueues queues,
    ArticleStore store,
    DiscoveryLog discoveries,
    IOptions<IngestOptions> options,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<DiscoveryService> logger)
{
    /// <summary>Discovers all due sources and enqueues what they list, as one run whose id the requests carry.</summary>
    public async Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken)
    {
        var run = RunStore.NewRunId(time);
        var started = time.GetUtcNow();
        var results = new List<SourceDiscovery>();
        foreach (var source in options.Value.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SourceDiscovery result;
            try
            {
                result = await DiscoverAsync(source, run, cancellationToken);
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

            tally.RecordDiscovery(result, run, started);
            results.Add(result);
        }

        return new DiscoveryReport(results) { Run = run };
    }

    private async Task<SourceDiscovery> DiscoverAsync(SourceOptions source, string run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (source.Schedule is not null)
        {
            var last = await discoveries.GetLastAsync(source.Name, cancellationToken);
            if (!SourceSchedule.IsDue(source.Schedule, last, now))
            {
                return new SourceDiscovery(source.Name, 0, 0, 0, null, $"schedule '{source.Schedule}', last discovered {last:O}");
            }
        }

        var (articles, error, tooLong) = await reader.ReadAsync(source, cancellationToken);
        if (error is not null)
        {
            return new SourceDiscovery(source.Name, 0, 0, 0, error);
        }

        if (tooLong > 0)
        {
            Log.LinksTooLong(logger, source.Name, tooLong, UrlLimit.MaxLength);
        }

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

            await queues.SendAsync(new IngestRequest(article.Url.AbsoluteUri, source.Name, now, run), cancellationToken);
            enqueued++;
        }

        await discoveries.SetLastAsync(source.Name, now, cancellationToken);
        return new SourceDiscovery(source.Name, articles.Count, enqueued, known, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Discovered source {Source}: {Found} articles listed, {Enqueued} enqueued, {Known} known and current")]
        public static partial void SourceDiscovered(ILogger logger, string source, int found, int enqueued, int known);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Discovery of source {Source} failed: {Reason}")]
        public static partial void SourceFailed(ILogger logger, string source, string reason);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Source {Source} is not due: {Reason}")]
        public static partial void SourceNotDue(ILogger logger, string source, string reason);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Source {Source} lists {Count} links longer than {Limit} characters; they were skipped")]
        public static partial void LinksTooLong(ILogger logger, string source, int count, int limit);
    }
}

using Ingest.Discovery;
using Ingest.Extraction;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>
/// Handles one <see cref="IngestRequest"/>: fetch, keep the raw page, extract, and store a new record revision when
/// the content is new. Expected ends are returned as outcomes; anything else throws so the queue retries.
/// </summary>
public sealed partial class ArticleIngestor(
    PageFetcher fetcher,
    ArticleExtractor extractor,
    ArticleStore store,
    IOptions<IngestOptions> options,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<ArticleIngestor> logger)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>Ingests one article.</summary>
    public async Task<ArticleOutcome> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = options.Value.FindSource(request.Source)
            ?? throw new InvalidMessageException(QueueNames.IngestRequests, $"'source' names no configured source: '{request.Source}'.");
        var url = UrlCanonicalizer.Canonicalize(new Uri(request.Url));
        var id = ArticleId.FromCanonicalUrl(url);
        if (!source.ArticleHosts().Contains(url.Host))
        {
            return Done(new ArticleOutcome(ArticleOutcomeKind.Refused, id.ToString(), url.AbsoluteUri, $"host '{url.Host}' is not a host of source '{source.Name}'"), source.Name);
        }

        var fetched = await fetcher.FetchAsync(url, cancellationToken);
        switch (fetched.Status)
        {
            case FetchStatus.Gone:
                return Done(new ArticleOutcome(ArticleOutcomeKind.Gone, id.ToString(), url.AbsoluteUri, fetched.Reason), source.Name);
            case FetchStatus.Rejected:
                return Done(new ArticleOutcome(ArticleOutcomeKind.Refused, id.ToString(), url.AbsoluteUri, fetched.Reason), source.Name);
            case FetchStatus.NotModified:
                return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), url.AbsoluteUri, fetched.Reason), source.Name);
        }

        var snapshot = new RawSnapshot
        {
            SnapshotId = ArticleStore.SnapshotIdOf(fetched.Content.Span),
            Content = fetched.Content,
            Url = url.AbsoluteUri,
            FinalUrl = fetched.FinalUrl?.AbsoluteUri,
            HttpStatus = fetched.HttpStatus,
            ContentType = fetched.ContentType,
            ETag = fetched.ETag,
            LastModified = fetched.LastModified,
            FetchedAt = fetched.FetchedAt,
        };

        // The raw page is stored before anything is derived from it: a record never points at a missing snapshot.
        await store.PutSnapshotAsync(id, snapshot, cancellationToken);

        var started = time.GetTimestamp();
        var extraction = extractor.Extract(new PageInput(snapshot.Content, fetched.FinalUrl ?? url, snapshot.ContentType));
        tally.RecordExtraction(source.Name, reparse: false, time.GetElapsedTime(started), extraction.Article);
        if (extraction.Article is null)
        {
            return Done(new ArticleOutcome(ArticleOutcomeKind.NotAnArticle, id.ToString(), url.AbsoluteUri, extraction.Rejection), source.Name);
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetCurrentAsync(id, cancellationToken);
            var hash = RecordFactory.ContentHashOf(extraction.Article);
            if (current is not null && string.Equals(current.Record.ContentHash, hash, StringComparison.Ordinal))
            {
                return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), url.AbsoluteUri, "content is the same as the current revision", current.Record.Provenance.Revision), source.Name);
            }

            var provenance = new RecordProvenance
            {
                Revision = (current?.Record.Provenance.Revision ?? 0) + 1,
                Reason = current is null ? RevisionReason.FirstFetch : RevisionReason.PageChanged,
                SnapshotId = snapshot.SnapshotId,
                FetchedAt = snapshot.FetchedAt,
                ExtractedAt = time.GetUtcNow(),
                FetchedUrl = snapshot.Url,
                FinalUrl = snapshot.FinalUrl,
            };
            var record = RecordFactory.Create(id, source.Name, url, extraction.Article, provenance);
            try
            {
                await store.SaveRevisionAsync(record, current, cancellationToken);
                return Done(new ArticleOutcome(ArticleOutcomeKind.Stored, id.ToString(), url.AbsoluteUri, provenance.Reason.ToString(), provenance.Revision, record.Title), source.Name);
            }
            catch (RecordConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.WriteConflict(logger, id.ToString(), attempt);
            }
        }
    }

    private ArticleOutcome Done(ArticleOutcome outcome, string source)
    {
        outcome = outcome with { Source = source };
        Log.Outcome(logger, outcome.Kind, outcome.ArticleId, outcome.Url, outcome.Revision, outcome.Detail, ArticleExtractor.Version);
        return outcome;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Ingest {Outcome} for article {ArticleId} {Url} (revision {Revision}; {Detail}; parser {ParserVersion})")]
        public static partial void Outcome(ILogger logger, ArticleOutcomeKind outcome, string articleId, string url, int? revision, string? detail, string parserVersion);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Another writer changed article {ArticleId} during attempt {Attempt}; reading it again")]
        public static partial void WriteConflict(ILogger logger, string articleId, int attempt);
    }
}

using Ingest.Extraction;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Logging;

namespace Ingest.Pipeline;

/// <summary>
/// Handles one <see cref="ReparseRequest"/>: runs the current parser over the stored raw page of the article's
/// current record, with no network, and stores a new revision when the result differs (or when forced).
/// </summary>
public sealed partial class ArticleReparser(
    ArticleExtractor extractor,
    ArticleStore store,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<ArticleReparser> logger)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>Re-parses one article.</summary>
    public async Task<ArticleOutcome> ReparseAsync(ReparseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = ArticleId.Parse(request.ArticleId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetCurrentAsync(id, cancellationToken);
            if (current is null)
            {
                return Done(new ArticleOutcome(ArticleOutcomeKind.NotStored, id.ToString(), "", "no record is stored for this article"), null);
            }

            var record = current.Record;
            if (!request.Force && string.Equals(record.ParserVersion, ArticleExtractor.Version, StringComparison.Ordinal))
            {
                return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), record.Url, $"already parsed by parser {ArticleExtractor.Version}", record.Provenance.Revision), record.Source);
            }

            var snapshot = await store.GetSnapshotAsync(id, record.Provenance.SnapshotId, cancellationToken)
                ?? throw new InvalidDataException($"Article {id}: revision {record.Provenance.Revision} names snapshot {record.Provenance.SnapshotId}, which is not stored.");
            var pageUrl = new Uri(snapshot.FinalUrl ?? snapshot.Url);
            var started = time.GetTimestamp();
            var extraction = extractor.Extract(new PageInput(snapshot.Content, pageUrl, snapshot.ContentType));
            tally.RecordExtraction(record.Source, reparse: true, time.GetElapsedTime(started), extraction.Article);
            if (extraction.Article is null)
            {
                return Done(new ArticleOutcome(ArticleOutcomeKind.NotAnArticle, id.ToString(), record.Url, $"the current parser rejects the stored page: {extraction.Rejection}; the current record is kept"), record.Source);
            }

            var hash = RecordFactory.ContentHashOf(extraction.Article);
            if (!request.Force && string.Equals(hash, record.ContentHash, StringComparison.Ordinal))
            {
                return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), record.Url, "the current parser makes the same content", record.Provenance.Revision), record.Source);
            }

            var provenance = record.Provenance with
            {
                Revision = record.Provenance.Revision + 1,
                Reason = RevisionReason.Reparse,
                ExtractedAt = time.GetUtcNow(),
            };
            var next = RecordFactory.Create(id, record.Source, new Uri(record.Url), extraction.Article, provenance);
            try
            {
                await store.SaveRevisionAsync(next, current, cancellationToken);
                return Done(new ArticleOutcome(ArticleOutcomeKind.Stored, id.ToString(), record.Url, $"re-parsed by parser {ArticleExtractor.Version}", provenance.Revision, next.Title), record.Source);
            }
            catch (RecordConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.WriteConflict(logger, id.ToString(), attempt);
            }
        }
    }

    private ArticleOutcome Done(ArticleOutcome outcome, string? source)
    {
        outcome = outcome with { Source = source };
        Log.Outcome(logger, outcome.Kind, outcome.ArticleId, outcome.Revision, outcome.Detail, ArticleExtractor.Version);
        return outcome;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Reparse {Outcome} for article {ArticleId} (revision {Revision}; {Detail}; parser {ParserVersion})")]
        public static partial void Outcome(ILogger logger, ArticleOutcomeKind outcome, string articleId, int? revision, string? detail, string parserVersion);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Another writer changed article {ArticleId} during re-parse attempt {Attempt}; reading it again")]
        public static partial void WriteConflict(ILogger logger, string articleId, int attempt);
    }
}

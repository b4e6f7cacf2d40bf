using System.Globalization;
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
    SnapshotStore snapshots,
    ArticleStore store,
    RevisionWriter writer,
    RunStore runs,
    IngestQueues queues,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<ArticleReparser> logger)
{
    /// <summary>Index entries listed per scoped message: small enough that one invocation stays short.</summary>
    public const int PageSize = 200;

    /// <summary>
    /// Articles per message when a page is sent on: ten articles cost one send, one receive, one delete and one
    /// share of a host beat instead of ten of each (a re-parse went from 8.0 to about 5.3 storage calls an article),
    /// and a queue's ~2,000 messages a second carry ten times the articles. Small enough that a message's work stays
    /// well inside its lease, and that a host stopped in the middle leaves little to look at again.
    /// </summary>
    public const int ArticlesPerMessage = 10;

    /// <summary>
    /// Handles one re-parse message: one article or a list of them (returns their outcomes), or one page of a scoped
    /// request (queues its articles, ten to a message, and a continuation message; returns none).
    /// <paramref name="redelivered"/>: the message was delivered before, so articles its run has counted done are
    /// not parsed again.
    /// </summary>
    public async Task<IReadOnlyList<ArticleOutcome>> HandleAsync(ReparseRequest request, CancellationToken cancellationToken, bool redelivered = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ArticleIds is { } ids)
        {
            return await HandleListAsync(request, ids, redelivered, cancellationToken);
        }

        if (request.IsScoped)
        {
            await FanOutAsync(request, cancellationToken);
            return [];
        }

        return [await HandleOneAsync(request, cancellationToken)];
    }

    private async Task<ArticleOutcome> HandleOneAsync(ReparseRequest request, CancellationToken cancellationToken)
    {
        var outcome = await ReparseAsync(request, cancellationToken) with { Run = request.RunId };
        if (request.RunId is not null)
        {
            await runs.DoneAsync(request.RunId, ArticleId.Parse(outcome.ArticleId), RunOutcome(outcome.Kind), cancellationToken);
        }

        return outcome;
    }

    // The articles of one message in turn. One that fails is sent on as a message of its own, which has the usual
    // retries, poison queue and failure count in the run, and the others go on; only when that send fails too does
    // the whole message fail (and come back, its finished articles then skipped by their marks in the run).
    private async Task<IReadOnlyList<ArticleOutcome>> HandleListAsync(ReparseRequest request, IReadOnlyList<string> ids, bool redelivered, CancellationToken cancellationToken)
    {
        var outcomes = new List<ArticleOutcome>(ids.Count);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var one = new ReparseRequest(id, request.Force, RunId: request.RunId);
            if (redelivered && request.RunId is not null && await runs.IsDoneAsync(request.RunId, ArticleId.Parse(id), cancellationToken))
            {
                continue;
            }

            try
            {
                outcomes.Add(await HandleOneAsync(one, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await queues.SendAsync(one, cancellationToken);
                Log.SentAlone(logger, id, request.RunId, ex.GetType().Name, ex.Message.ReplaceLineEndings(" "));
            }
        }

        return outcomes;
    }

    /// <summary>Counts a re-parse message that failed for good in its run (each of its articles), when it belongs to one.</summary>
    public async Task RecordFailureAsync(ReparseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RunId is null)
        {
            return;
        }

        foreach (var id in request.ArticleIds ?? (request.ArticleId is null ? [] : [request.ArticleId]))
        {
            await runs.DoneAsync(request.RunId, ArticleId.Parse(id), "failed", cancellationToken);
        }
    }

    /// <summary>
    /// One page of a scoped request. The articles are queued, then the continuation, then the page is marked done
    /// in the run: a crash in between repeats the page, and a repeated article message finds its work done.
    /// </summary>
    private async Task FanOutAsync(ReparseRequest request, CancellationToken cancellationToken)
    {
        var prefixes = ArticleIndex.PrefixesFor(request.Site, request.Since, request.Until, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var (index, token) = ReadCursor(request.Cursor, prefixes.Count);
        var (listed, next) = await store.Index.ListPageAsync(prefixes[index], token, PageSize, cancellationToken);
        var articles = listed
            .Where(a => (request.Since is null || a.Day >= request.Since) && (request.Until is null || a.Day <= request.Until))
            .Select(a => a.Id)
            .Distinct()
            .ToList();

        if (request.RunId is not null)
        {
            await runs.QueuedAsync(request.RunId, articles, cancellationToken);
        }

        foreach (var chunk in articles.Chunk(ArticlesPerMessage))
        {
            await queues.SendAsync(new ReparseRequest(Force: request.Force, RunId: request.RunId, ArticleIds: [.. chunk.Select(id => id.ToString())]), cancellationToken);
        }

        var cursor = next is not null ? Cursor(index, next) : index + 1 < prefixes.Count ? Cursor(index + 1, null) : null;
        if (cursor is not null)
        {
            await queues.SendAsync(request with { Cursor = cursor }, cancellationToken);
        }
        else if (request.RunId is not null)
        {
            await runs.ListedAsync(request.RunId, cancellationToken);
        }

        Log.FannedOut(logger, request.RunId, articles.Count, prefixes[index], cursor is not null);
    }

    private static string Cursor(int index, string? token) => string.Create(CultureInfo.InvariantCulture, $"{index}:{token}");

    private static (int Index, string? Token) ReadCursor(string? cursor, int prefixCount)
    {
        if (cursor is null)
        {
            return (0, null);
        }

        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !int.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= prefixCount)
        {
            throw new InvalidMessageException(QueueNames.ReparseRequests, $"'cursor' is not one this pipeline wrote: '{cursor}'.");
        }

        var token = cursor[(colon + 1)..];
        return (index, token.Length == 0 ? null : token);
    }

    private static string RunOutcome(ArticleOutcomeKind kind) => kind switch
    {
        ArticleOutcomeKind.Stored => "changed",
        ArticleOutcomeKind.Unchanged => "unchanged",
        ArticleOutcomeKind.NotStored => "not-stored",
        ArticleOutcomeKind.NotAnArticle => "not-an-article",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Re-parses one article.</summary>
    public async Task<ArticleOutcome> ReparseAsync(ReparseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = ArticleId.Parse(request.ArticleId ?? throw new ArgumentException("A scoped request names no single article.", nameof(request)));
        var result = await writer.WriteAsync(id, (current, ct) => ProposeAsync(id, request, current, ct), cancellationToken);
        if (result.Stopped is { } stopped)
        {
            return stopped;
        }

        if (result.Same is { } same)
        {
            // Forced or not, a re-parse that changes nothing writes no revision; it notes that this parser has seen
            // the page, so the next non-forced re-parse skips it without parsing.
            await store.MarkParsedAsync(id, same, ArticleExtractor.Version, cancellationToken);
            return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), same.Record.Url, "the current parser makes the same content", same.Record.Provenance.Revision), same.Record.Source);
        }

        var next = result.Written!;
        return Done(new ArticleOutcome(ArticleOutcomeKind.Stored, id.ToString(), next.Url, $"re-parsed by parser {ArticleExtractor.Version}", next.Provenance.Revision, next.Article.Title), next.Source);
    }

    // What to store for this article, given its current revision: the current parser's record of the stored page.
    private async Task<RevisionProposal> ProposeAsync(ArticleId id, ReparseRequest request, StoredRecord? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            // Nothing to re-parse, now or on any retry: the message can never succeed.
            throw new InvalidMessageException(QueueNames.ReparseRequests, $"article '{id}' has no stored record to re-parse.");
        }

        var record = current.Record;
        if (request.RunId is not null && record.Provenance.Reason == RevisionReason.Reparse && record.Provenance.RunId == request.RunId)
        {
            // This run changed it already, in an attempt that died before it could say so.
            return RevisionProposal.Done(Done(new ArticleOutcome(ArticleOutcomeKind.Stored, id.ToString(), record.Url, $"re-parsed by parser {record.ParserVersion} in an earlier attempt of this run", record.Provenance.Revision, record.Article.Title), record.Source));
        }

        if (!request.Force && string.Equals(current.ParsedBy, ArticleExtractor.Version, StringComparison.Ordinal))
        {
            return RevisionProposal.Done(Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), record.Url, $"already parsed by parser {ArticleExtractor.Version}", record.Provenance.Revision), record.Source));
        }

        var snapshot = await snapshots.GetAsync(id, record.Provenance.SnapshotId, cancellationToken)
            ?? throw new InvalidDataException($"Article {id}: revision {record.Provenance.Revision} names snapshot {record.Provenance.SnapshotId}, which is not stored.");
        var pageUrl = new Uri(snapshot.FinalUrl ?? snapshot.Url);
        var started = time.GetTimestamp();
        var extraction = extractor.Extract(new PageInput(snapshot.Content, pageUrl, snapshot.ContentType, snapshot.FetchedAt));
        tally.RecordExtraction(record.Source, request.RunId, reparse: true, time.GetElapsedTime(started), extraction);
        if (extraction.Article is null)
        {
            return RevisionProposal.Done(Done(new ArticleOutcome(ArticleOutcomeKind.NotAnArticle, id.ToString(), record.Url, $"the current parser rejects the stored page: {extraction.Rejection}; the current record is kept"), record.Source));
        }

        var provenance = record.Provenance with
        {
            Revision = record.Provenance.Revision + 1,
            Reason = RevisionReason.Reparse,
            ExtractedAt = time.GetUtcNow(),
            RunId = request.RunId,
        };
        return RevisionProposal.Write(RecordFactory.Create(id, record.Source, new Uri(record.Url), extraction.Article, provenance));
    }

    private ArticleOutcome Done(ArticleOutcome outcome, string? source)
    {
        outcome = outcome with { Source = source };
        Log.Outcome(logger, outcome.Kind, outcome.ArticleId, outcome.Revision, outcome.Detail, ArticleExtractor.Version);
        return outcome;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Re-parse run {RunId}: queued {Count} articles from {Prefix}; more to list: {More}")]
        public static partial void FannedOut(ILogger logger, string? runId, int count, string prefix, bool more);

        [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Re-parse of article {ArticleId} (run {RunId}) failed inside a message of several ({ExceptionType}: {Reason}); sent on as a message of its own, tried again with the usual retries")]
        public static partial void SentAlone(ILogger logger, string articleId, string? runId, string exceptionType, string reason);

        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Reparse {Outcome} for article {ArticleId} (revision {Revision}; {Detail}; parser {ParserVersion})")]
        public static partial void Outcome(ILogger logger, ArticleOutcomeKind outcome, string articleId, int? revision, string? detail, string parserVersion);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Sources;
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
    SnapshotStore snapshots,
    ArticleStore store,
    RevisionWriter writer,
    IOptions<IngestOptions> options,
    OutcomeTally tally,
    TimeProvider time,
    ILogger<ArticleIngestor> logger)
{
    /// <summary>The work a request asks for: its article, so that copies of one request meet (see <see cref="WorkLeases"/>).</summary>
    public WorkKey WorkKeyOf(IngestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = options.Value.FindSource(request.Source)
            ?? throw new InvalidMessageException(QueueNames.IngestRequests, $"'source' names no configured source: '{request.Source}'.");
        var url = source.Canonicalize(new Uri(request.Url));
        var id = ArticleId.FromCanonicalUrl(url).ToString();
        return new WorkKey($"{QueueNames.IngestRequests}/{id}", id, url.AbsoluteUri, source.Name);
    }

    /// <summary>Ingests one article; the outcome names the run of the request.</summary>
    public async Task<ArticleOutcome> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await IngestOnceAsync(request, cancellationToken) with { Run = request.Run };
    }

    private async Task<ArticleOutcome> IngestOnceAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var source = options.Value.FindSource(request.Source)
            ?? throw new InvalidMessageException(QueueNames.IngestRequests, $"'source' names no configured source: '{request.Source}'.");
        var url = source.Canonicalize(new Uri(request.Url));
        var id = ArticleId.FromCanonicalUrl(url);
        if (!source.ArticleHosts().Contains(url.Host))
        {
            return Done(new ArticleOutcome(ArticleOutcomeKind.Refused, id.ToString(), url.AbsoluteUri, $"host '{url.Host}' is not a host of source '{source.Name}'"), source.Name);
        }

        // Conditional GET with the validators of the stored copy: an unchanged page costs the site a 304.
        var stored = await store.GetCurrentAsync(id, cancellationToken);
        if (stored?.CheckedAt is { } checkedAt && request.DiscoveredAt is { } asked && checkedAt >= asked)
        {
            // A repeated message (two hosts given the same work, a fan-out sent twice, a retry after a crash): the
            // page was fetched after this request was made, so its work is done.
            return Done(new ArticleOutcome(ArticleOutcomeKind.AlreadyDone, id.ToString(), url.AbsoluteUri, string.Create(CultureInfo.InvariantCulture, $"fetched at {checkedAt:u}, after this request was made ({asked:u}); not fetched again"), stored.Record.Provenance.Revision), source.Name);
        }

        var conditions = stored is null ? null : new FetchConditions(stored.Record.Provenance.ETag, stored.Record.Provenance.LastModified);
        var fetched = await fetcher.FetchAsync(url, cancellationToken, conditions);
        switch (fetched.Status)
        {
            case FetchStatus.Gone:
            case FetchStatus.Gone or FetchStatus.Rejected or FetchStatus.Disallowed:
                var kind = fetched.Status == FetchStatus.Gone ? ArticleOutcomeKind.Gone : ArticleOutcomeKind.Refused;
                return await NotedAsync(id, new ArticleOutcome(kind, id.ToString(), url.AbsoluteUri, fetched.Reason, Failure: FetchFailures.Label(fetched.Failure, fetched.HttpStatus)), source.Name, cancellationToken);
            case FetchStatus.NotModified:
                if (stored is not null)
                {
                    await store.MarkCheckedAsync(id, stored, fetched.FetchedAt, cancellationToken);
                }

                return Done(new ArticleOutcome(ArticleOutcomeKind.NotModified, id.ToString(), url.AbsoluteUri, "HTTP 304: " + fetched.Reason, stored?.Record.Provenance.Revision), source.Name);
        }

        return await StoreAsync(source, url, id, fetched, request.Run, cancellationToken, new CurrentRead(stored));
    }

    /// <summary>
    /// Stores a page got without fetching it here (a response read from a WARC file): the same path as a fetched
    /// page from the raw snapshot on, so ids, content dedupe, revisions and the index are the same. The fetch time is
    /// the capture's.
    /// </summary>
    public async Task<ArticleOutcome> ImportAsync(SourceOptions source, Uri url, FetchResult captured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(captured);
        url = source.Canonicalize(url);
        var id = ArticleId.FromCanonicalUrl(url);
        var read = await store.GetCurrentAsync(id, cancellationToken);
        if (read is { } current && current.Record.Provenance.FetchedAt >= captured.FetchedAt)
        {
            // A capture from before the current revision's fetch (a backfill after live ingestion, or the same file
            // again): its raw page is kept, the newer record stays current.
            await snapshots.PutAsync(id, SnapshotOf(url, captured), cancellationToken);
            return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), url.AbsoluteUri, string.Create(CultureInfo.InvariantCulture, $"captured {captured.FetchedAt:u}, not after the current revision's fetch ({current.Record.Provenance.FetchedAt:u}): raw page kept, record unchanged"), current.Record.Provenance.Revision), source.Name);
        }

        return await StoreAsync(source, url, id, captured, run: null, cancellationToken, new CurrentRead(read));
    }

    private async Task<ArticleOutcome> StoreAsync(SourceOptions source, Uri url, ArticleId id, FetchResult fetched, string? run, CancellationToken cancellationToken, CurrentRead? readBefore)
    {
        var snapshot = SnapshotOf(url, fetched);

        // The raw page is stored before anything is derived from it: a record never points at a missing snapshot.
        await snapshots.PutAsync(id, snapshot, cancellationToken);

        var started = time.GetTimestamp();
        var extraction = extractor.Extract(new PageInput(snapshot.Content, fetched.FinalUrl ?? url, snapshot.ContentType, snapshot.FetchedAt));
        tally.RecordExtraction(source.Name, run, reparse: false, time.GetElapsedTime(started), extraction);
        if (extraction.Article is null)
        {
            return await NotedAsync(id, new ArticleOutcome(ArticleOutcomeKind.NotAnArticle, id.ToString(), url.AbsoluteUri, extraction.Rejection), source.Name, cancellationToken, fetched.FetchedAt);
        }

        // The page names its own canonical URL (rel=canonical): the article is kept under that id, and the URL we
        // came by becomes an alias, so an article reachable by several URLs is one record.
        if (DeclaredCanonical(source, url, extraction.Article) is { } declared)
        {
            var canonicalId = ArticleId.FromCanonicalUrl(declared);
            await snapshots.PutAsync(canonicalId, snapshot, cancellationToken);
            await store.MarkOutcomeAsync(id, "Alias", canonicalId.ToString(), time.GetUtcNow(), cancellationToken);
            Log.Alias(logger, url, declared, canonicalId.ToString());
            (id, url) = (canonicalId, declared);
            readBefore = null; // another article: its current revision is not the one read
        }

        // The next revision of whatever is current when the writer reads it: the first, or the page changed.
        var article = extraction.Article;
        RevisionProposal Next(StoredRecord? current) => RevisionProposal.Write(RecordFactory.Create(id, source.Name, url, article, ProvenanceOf(
            snapshot,
            (current?.Record.Provenance.Revision ?? 0) + 1,
            current is null ? RevisionReason.FirstFetch : RevisionReason.PageChanged,
            time.GetUtcNow())));
        var written = await writer.WriteAsync(id, (current, _) => Task.FromResult(Next(current)), cancellationToken, readBefore);
        if (written.Same is { } same)
        {
            await store.MarkCheckedAsync(id, same, snapshot.FetchedAt, cancellationToken);
            return Done(new ArticleOutcome(ArticleOutcomeKind.Unchanged, id.ToString(), url.AbsoluteUri, "content is the same as the current revision", same.Record.Provenance.Revision), source.Name);
        }

        var record = written.Written!;
        return Done(new ArticleOutcome(ArticleOutcomeKind.Stored, id.ToString(), url.AbsoluteUri, record.Provenance.Reason.ToString(), record.Provenance.Revision, record.Article.Title), source.Name);
    }

    /// <summary>The record a first fetch of this page would store, for a preview that stores nothing.</summary>
    public static ArticleRecord Preview(SourceOptions source, Uri url, FetchResult fetched, Article article)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fetched);
        var canonical = source.Canonicalize(url);
        return RecordFactory.Create(ArticleId.FromCanonicalUrl(canonical), source.Name, canonical, article, ProvenanceOf(SnapshotOf(url, fetched), 1, RevisionReason.FirstFetch, fetched.FetchedAt));
    }

    private static RawSnapshot SnapshotOf(Uri url, FetchResult fetched) => new()
    {
        SnapshotId = SnapshotStore.IdOf(fetched.Content.Span),
        Content = fetched.Content,
        Url = url.AbsoluteUri,
        FinalUrl = fetched.FinalUrl?.AbsoluteUri,
        HttpStatus = fetched.HttpStatus,
        ContentType = fetched.ContentType,
        ETag = fetched.ETag,
        LastModified = fetched.LastModified,
        FetchedAt = fetched.FetchedAt,
    };

    private static RecordProvenance ProvenanceOf(RawSnapshot snapshot, int revision, RevisionReason reason, DateTimeOffset extractedAt) => new()
    {
        Revision = revision,
        Reason = reason,
        SnapshotId = snapshot.SnapshotId,
        FetchedAt = snapshot.FetchedAt,
        ExtractedAt = extractedAt,
        FetchedUrl = snapshot.Url,
        FinalUrl = snapshot.FinalUrl,
        ETag = snapshot.ETag,
        LastModified = snapshot.LastModified,
    };

    /// <summary>
    /// The page's declared canonical URL when it can be trusted: same source (host, include and exclude patterns),
    /// not a site root (some sites point every page at their home page), and different from the URL we came by.
    /// </summary>
    private static Uri? DeclaredCanonical(SourceOptions source, Uri url, Article article)
    {
        if (article.CanonicalUrl is null || !Uri.TryCreate(article.CanonicalUrl, UriKind.Absolute, out var declared)
            || (declared.Scheme != Uri.UriSchemeHttp && declared.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        declared = source.Canonicalize(declared);
        var text = declared.AbsoluteUri;
        var trusted = !string.Equals(text, url.AbsoluteUri, StringComparison.Ordinal)
            && source.ArticleHosts().Contains(declared.Host)
            && declared.AbsolutePath.Trim('/').Length > 0
            && (source.Include is null || Regex.IsMatch(text, source.Include, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            && (source.Exclude is null || !Regex.IsMatch(text, source.Exclude, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        return trusted ? declared : null;
    }

    // A page that gives no record is noted, so discovery does not enqueue it again on every run.
    private async Task<ArticleOutcome> NotedAsync(ArticleId id, ArticleOutcome outcome, string source, CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        await store.MarkOutcomeAsync(id, outcome.Kind.ToString(), outcome.Detail, at ?? time.GetUtcNow(), cancellationToken, outcome.Failure);
        return Done(outcome, source);
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

        [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "{Url} declares {CanonicalUrl} as its canonical URL: stored as article {ArticleId}")]
        public static partial void Alias(ILogger logger, Uri url, Uri canonicalUrl, string articleId);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Ingest.Fetching;
using Ingest.Records;
using Ingest.Sources;
using Ingest.Storage;
using Ingest.Warc;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>What an import did, file by file or in total.</summary>
public sealed class ImportSummary
{
    private readonly ConcurrentDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private int _records;
    private int _pages;
    private int _stored;
    private int _unchanged;
    private int _notArticles;

    /// <summary>WARC records read.</summary>
    public int Records => _records;

    /// <summary>HTML pages taken (responses, and revisits resolved to one).</summary>
    public int Pages => _pages;

    /// <summary>Pages that stored a new revision.</summary>
    public int Stored => _stored;

    /// <summary>Pages whose content is stored already (a re-import, or the same page captured twice).</summary>
    public int Unchanged => _unchanged;

    /// <summary>Pages that are not articles (no body, no title).</summary>
    public int NotArticles => _notArticles;

    /// <summary>Records not taken, by reason (not-a-response, status-404, not-html, no-source, too-large, …).</summary>
    public IReadOnlyDictionary<string, int> Skipped => _skipped.ToDictionary(StringComparer.Ordinal);

    /// <summary>Adds another summary's counts to this one.</summary>
    public void Merge(ImportSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Interlocked.Add(ref _records, other.Records);
        Interlocked.Add(ref _pages, other.Pages);
        Interlocked.Add(ref _stored, other.Stored);
        Interlocked.Add(ref _unchanged, other.Unchanged);
        Interlocked.Add(ref _notArticles, other.NotArticles);
        foreach (var (reason, n) in other.Skipped)
        {
            _skipped.AddOrUpdate(reason, n, (_, old) => old + n);
        }
    }

    internal void Read() => Interlocked.Increment(ref _records);

    internal void Skip(string reason) => _skipped.AddOrUpdate(reason, 1, (_, n) => n + 1);

    internal void Took(ArticleOutcomeKind kind)
    {
        Interlocked.Increment(ref _pages);
        _ = kind switch
        {
            ArticleOutcomeKind.Stored => Interlocked.Increment(ref _stored),
            ArticleOutcomeKind.NotAnArticle => Interlocked.Increment(ref _notArticles),
            _ => Interlocked.Increment(ref _unchanged),
        };
    }
}

/// <summary>
/// Imports WARC files (<c>ingest import</c>): each HTML page a <c>response</c> record holds with status 200 (and each
/// <c>revisit</c> whose original is found) is stored as a raw snapshot at its original URL with the capture's date as
/// its fetch time, and extracted through the same path as a fetched page (<see cref="ArticleIngestor.ImportAsync"/>).
/// Nothing is fetched. A page belongs to the configured source whose hosts include its host, else to the fallback
/// source name given, else it is skipped. Streams the file: memory holds one record and a small map of payload digests.
/// </summary>
public sealed class WarcImporter(ArticleIngestor ingestor, ArticleStore records, SnapshotStore snapshots, OutcomeTally tally, IOptions<IngestOptions> options, IOptions<FetchOptions> fetching)
{
    // Payload digest of each page taken from this import → where its bytes are stored, for the revisits that name it.
    private readonly ConcurrentDictionary<string, (ArticleId Id, string SnapshotId)> _byDigest = new(StringComparer.Ordinal);

    /// <summary>Imports one WARC file; <paramref name="progress"/> is told after each record.</summary>
    public async Task ImportAsync(string path, string? fallbackSource, ImportSummary summary, Action? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var file = File.OpenRead(path);
        using var reader = new WarcReader(file);
        while (reader.Next() is { } record)
        {
            cancellationToken.ThrowIfCancellationRequested();
            summary.Read();
            if (await PageOfAsync(record, summary, cancellationToken) is { } page)
            {
                if (SourceOf(page.Url, fallbackSource) is not { } source)
                {
                    summary.Skip("no-source");
                }
                else
                {
                    var outcome = await ingestor.ImportAsync(source, page.Url, page.Captured, cancellationToken);
                    tally.RecordOutcome(outcome, reparse: false);
                    summary.Took(outcome.Kind);
                    if (record.PayloadDigest is { } digest && outcome.Kind is ArticleOutcomeKind.Stored or ArticleOutcomeKind.Unchanged or ArticleOutcomeKind.NotAnArticle)
                    {
                        _byDigest[digest] = (ArticleId.Parse(outcome.ArticleId), SnapshotStore.IdOf(page.Captured.Content.Span));
                    }
                }
            }

            progress?.Invoke();
        }
    }

    private async Task<(Uri Url, FetchResult Captured)?> PageOfAsync(WarcRecord record, ImportSummary summary, CancellationToken cancellationToken)
    {
        if (record.Type is not ("response" or "revisit"))
        {
            summary.Skip(record.Type is { Length: > 0 } type ? type + "-record" : "untyped-record");
            return null;
        }

        if (!Uri.TryCreate(record.TargetUri, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.AbsoluteUri.Length > UrlLimit.MaxLength)
        {
            summary.Skip("not-an-http-url");
            return null;
        }

        if (record.Date is not { } capturedAt)
        {
            summary.Skip("no-date");
            return null;
        }

        // A response that is not a 200 HTML page is refused from its headers: its payload is never read into memory.
        var revisit = record.Type == "revisit";
        var response = HttpResponseBlock.Read(record.Block, (int)Math.Min(int.MaxValue, fetching.Value.MaxResponseBytes), (status, headers) =>
            revisit ? null
            : status != 200 ? string.Create(CultureInfo.InvariantCulture, $"status-{status}")
            : headers.TryGetValue("Content-Type", out var type) && !IsHtml(type, []) ? "not-html"
            : null, out var problem);
        if (response is null)
        {
            summary.Skip(problem ?? "not-an-http-response");
            return null;
        }

        var payload = response.Payload;
        var status = response.Status;
        if (revisit)
        {
            // The revisit says the payload is the one captured before: found by its digest in this import, or as the
            // snapshot of the URL it refers to.
            if (await OriginalOfAsync(record, cancellationToken) is not { } original)
            {
                summary.Skip("revisit-unresolved");
                return null;
            }

            payload = original;
            status = status is 304 ? 200 : status;
        }

        if (status != 200)
        {
            summary.Skip(string.Create(CultureInfo.InvariantCulture, $"status-{status}"));
            return null;
        }

        var contentType = response.Header("Content-Type");
        if (!IsHtml(contentType, payload))
        {
            summary.Skip("not-html");
            return null;
        }

        return (url, new FetchResult
        {
            Status = FetchStatus.Fetched,
            RequestedUrl = url,
            HttpStatus = 200,
            Content = payload,
            ContentType = contentType,
            ETag = response.Header("ETag"),
            LastModified = DateTimeOffset.TryParse(response.Header("Last-Modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified) ? modified : null,
            FetchedAt = capturedAt,
        });
    }

    private async Task<byte[]?> OriginalOfAsync(WarcRecord revisit, CancellationToken cancellationToken)
    {
        if (revisit.PayloadDigest is { } digest && _byDigest.TryGetValue(digest, out var seen)
            && await snapshots.GetAsync(seen.Id, seen.SnapshotId, cancellationToken) is { } fromImport)
        {
            return fromImport.Content.ToArray();
        }

        if (!Uri.TryCreate(revisit.RefersToTargetUri ?? revisit.TargetUri, UriKind.Absolute, out var refersTo) || SourceOf(refersTo, null) is not { } source)
        {
            return null;
        }

        var id = ArticleId.FromCanonicalUrl(source.Canonicalize(refersTo));
        if (await records.GetCurrentAsync(id, cancellationToken) is not { } current)
        {
            return null;
        }

        var snapshot = await snapshots.GetAsync(id, current.Record.Provenance.SnapshotId, cancellationToken);
        return snapshot is not null && (revisit.PayloadDigest is null || WarcWriter.Digest(snapshot.Content.Span) == revisit.PayloadDigest) ? snapshot.Content.ToArray() : null;
    }

    private SourceOptions? SourceOf(Uri url, string? fallback) =>
        options.Value.Sources.FirstOrDefault(s => s.ArticleHosts().Contains(url.Host.ToLowerInvariant()))
        ?? (fallback is null ? null : new SourceOptions { Name = fallback, Url = new Uri(url, "/").AbsoluteUri }); // its own host only

    // HTML by its declared type, or, with none declared, by its first bytes.
    private static bool IsHtml(string? contentType, byte[] payload)
    {
        if (contentType is { Length: > 0 })
        {
            var type = contentType.Split(';')[0].Trim();
            return type.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
        }

        var start = System.Text.Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 1024)).TrimStart();
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}

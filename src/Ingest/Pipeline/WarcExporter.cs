using System.Globalization;
using Ingest.Records;
using Ingest.Storage;
using Ingest.Warc;

namespace Ingest.Pipeline;

/// <summary>
/// Exports the stored raw snapshots as a WARC file (<c>ingest export --warc</c>): a <c>warcinfo</c> record, then one
/// <c>response</c> record per snapshot of each article in the scope, oldest capture first per article, with the
/// headers kept at fetch time (content type, ETag, Last-Modified), WARC-Date the fetch time, and payload and block
/// digests, so web-archive tools (pywb, warcio) read it.
/// </summary>
public sealed class WarcExporter(ArchiveReader archive, SnapshotStore snapshots, TimeProvider time)
{
    /// <summary>Writes the snapshots of the articles in the scope to <paramref name="output"/>; returns how many were written.</summary>
    public async Task<int> ExportAsync(Stream output, string fileName, string? site, DateOnly? since, DateOnly? until, Action? progress, CancellationToken cancellationToken)
    {
        using var writer = new WarcWriter(output);
        writer.WriteInfo(fileName, $"Ingest (parser {Extraction.ArticleExtractor.Version})", time.GetUtcNow());
        var written = 0;
        await foreach (var (id, _) in archive.ListAsync(site, since, until, cancellationToken))
        {
            var captures = new List<RawSnapshot>();
            foreach (var snapshotId in await snapshots.ListIdsAsync(id, cancellationToken))
            {
                if (await snapshots.GetAsync(id, snapshotId, cancellationToken) is { } snapshot)
                {
                    captures.Add(snapshot);
                }
            }

            foreach (var snapshot in captures.OrderBy(s => s.FetchedAt))
            {
                writer.WriteResponse(snapshot.Url, snapshot.FetchedAt, snapshot.HttpStatus is > 0 ? snapshot.HttpStatus : 200, HeadersOf(snapshot), snapshot.Content.Span);
                written++;
                progress?.Invoke();
            }
        }

        return written;
    }

    private static List<(string Name, string Value)> HeadersOf(RawSnapshot snapshot)
    {
        var headers = new List<(string, string)> { ("Content-Type", snapshot.ContentType ?? "text/html") };
        if (snapshot.ETag is { } etag)
        {
            headers.Add(("ETag", etag));
        }

        if (snapshot.LastModified is { } modified)
        {
            headers.Add(("Last-Modified", modified.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)));
        }

        return headers;
    }
}

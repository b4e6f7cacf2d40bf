using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Records;

namespace Ingest.Storage;

/// <summary>
/// The raw pages of the archive: <c>raw/{site}/{hash}/{sha256}.html.gz</c>, immutable and content-addressed, gzip, with
/// the fetch facts (URL, final URL, status, content type, ETag, Last-Modified, fetched-at) as blob metadata, bounded
/// by <see cref="SnapshotMetadata"/>. A re-parse reads them back and needs no network.
/// </summary>
public sealed class SnapshotStore(BlobServiceClient blobs)
{
    /// <summary>The container of raw snapshots.</summary>
    public const string Container = "raw";

    private readonly LazyContainer _container = new(blobs, Container);

    /// <summary>The blob name of a snapshot.</summary>
    public static string BlobName(ArticleId id, string snapshotId) => $"{id.BlobPrefix}{snapshotId}.html.gz";

    /// <summary>The SHA-256 (hex) of page bytes: the id of their snapshot.</summary>
    public static string IdOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Stores a snapshot unless the same bytes are stored already (<c>If-None-Match: *</c>). Returns true when it was new.
    /// </summary>
    public async Task<bool> PutAsync(ArticleId id, RawSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // Made first: a value that cannot be stored is refused here, before any storage call is made and retried.
        var metadata = SnapshotMetadata.For(snapshot);
        await _container.CreatedAsync(cancellationToken);
        var blob = _container.Client.GetBlobClient(BlobName(id, snapshot.SnapshotId));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(snapshot.Content, cancellationToken);
        }

        compressed.Position = 0;
        try
        {
            await blob.UploadAsync(compressed, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/html", ContentEncoding = "gzip" },
                Metadata = metadata,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>The ids of every snapshot stored for an article.</summary>
    public async Task<IReadOnlyList<string>> ListIdsAsync(ArticleId id, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        try
        {
            await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = id.BlobPrefix }, cancellationToken))
            {
                var name = item.Name[id.BlobPrefix.Length..];
                if (name.EndsWith(".html.gz", StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal))
                {
                    ids.Add(name[..^".html.gz".Length]);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // No raw container yet.
        }

        return ids;
    }

    /// <summary>Reads a snapshot back, or null when it is not stored.</summary>
    public async Task<RawSnapshot?> GetAsync(ArticleId id, string snapshotId, CancellationToken cancellationToken)
    {
        var blob = _container.Client.GetBlobClient(BlobName(id, snapshotId));
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }

        using var input = download.Content.ToStream();
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await gzip.CopyToAsync(output, cancellationToken);
        var content = output.ToArray();
        var actual = IdOf(content);
        if (!string.Equals(actual, snapshotId, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Snapshot {blob.Name} is corrupt: its bytes hash to {actual}.");
        }

        var meta = download.Details.Metadata;
        return new RawSnapshot
        {
            SnapshotId = snapshotId,
            Content = content,
            Url = SnapshotMetadata.Unescape(meta.TryGetValue("url", out var url) ? url : ""),
            FinalUrl = meta.TryGetValue("finalurl", out var final) ? SnapshotMetadata.Unescape(final) : null,
            HttpStatus = meta.TryGetValue("httpstatus", out var status) ? int.Parse(status, CultureInfo.InvariantCulture) : 0,
            ContentType = meta.TryGetValue("contenttype", out var type) ? SnapshotMetadata.Unescape(type) : null,
            ETag = meta.TryGetValue("etag", out var etag) ? SnapshotMetadata.Unescape(etag) : null,
            LastModified = meta.TryGetValue("lastmodified", out var lm) ? DateTimeOffset.Parse(lm, CultureInfo.InvariantCulture) : null,
            FetchedAt = meta.TryGetValue("fetchedat", out var at) ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : download.Details.LastModified,
        };
    }
}

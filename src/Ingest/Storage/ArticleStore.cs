using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Messages;
using Ingest.Records;

namespace Ingest.Storage;

/// <summary>
/// The records of the archive in Blob Storage (the raw pages are <see cref="SnapshotStore"/>'s). Names derive from
/// <see cref="ArticleId"/> only:
/// <list type="bullet">
/// <item><c>records/{site}/{hash}/revisions/{000001}.json</c>: every revision, written once;</item>
/// <item><c>records/{site}/{hash}/current.json</c>: the current revision, replaced only with <c>If-Match</c>, with
/// fetched/checked/parsed-by notes as metadata;</item>
/// <item><c>records/{site}/{hash}/outcome.json</c>: the note of a page that gave no record;</item>
/// <item>the <see cref="ArticleIndex"/> markers, written before the record they list.</item>
/// </list>
/// </summary>
public sealed class ArticleStore(BlobServiceClient blobs)
{
    /// <summary>The container of records.</summary>
    public const string RecordsContainer = "records";

    private readonly LazyContainer _container = new(blobs, RecordsContainer);

    /// <summary>The by-site and by-date index of the records, kept by this store.</summary>
    public ArticleIndex Index { get; } = new(blobs);

    /// <summary>The blob name of the current record.</summary>
    public static string CurrentBlobName(ArticleId id) => $"{id.BlobPrefix}current.json";

    /// <summary>The blob name of a revision.</summary>
    public static string RevisionBlobName(ArticleId id, int revision) =>
        $"{id.BlobPrefix}revisions/{revision.ToString("D6", CultureInfo.InvariantCulture)}.json";

    /// <summary>The current record of an article with its ETag, or null when none is stored.</summary>
    public async Task<StoredRecord?> GetCurrentAsync(ArticleId id, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await _container.Client.GetBlobClient(CurrentBlobName(id)).DownloadContentAsync(cancellationToken)).Value;
            var record = Deserialize(download.Content, CurrentBlobName(id));
            return new StoredRecord(
                record,
                download.Details.ETag,
                download.Details.Metadata.TryGetValue(ParsedByKey, out var parsedBy) ? parsedBy : record.ParserVersion,
                ReadDate(download.Details.Metadata, CheckedAtKey) ?? record.Provenance.FetchedAt,
                new Dictionary<string, string>(download.Details.Metadata, StringComparer.Ordinal));
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private const string FetchedAtKey = "fetchedat";
    private const string CheckedAtKey = "checkedat";
    private const string ParsedByKey = "parsedby";

    /// <summary>
    /// Notes that <paramref name="parserVersion"/> parsed the current record's snapshot and found nothing to change,
    /// so a re-parse by the same version skips it. Conditional on the ETag the record was read with: a newer record
    /// keeps its own note. One request when the record was read from storage (its metadata is known).
    /// </summary>
    public Task MarkParsedAsync(ArticleId id, StoredRecord current, string parserVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        return SetNoteAsync(id, current, ParsedByKey, parserVersion, cancellationToken);
    }

    // Adds one metadata note to the current record as read, with If-Match on the ETag it was read with; a record
    // rewritten (or removed) meanwhile keeps its own notes.
    private async Task SetNoteAsync(ArticleId id, StoredRecord current, string key, string value, CancellationToken cancellationToken)
    {
        var blob = _container.Client.GetBlobClient(CurrentBlobName(id));
        var conditions = new BlobRequestConditions { IfMatch = current.ETag };
        try
        {
            var known = current.Metadata ?? (await blob.GetPropertiesAsync(conditions, cancellationToken)).Value.Metadata.AsReadOnly();
            var metadata = new Dictionary<string, string>(known, StringComparer.Ordinal) { [key] = value };
            await blob.SetMetadataAsync(metadata, conditions, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            // Rewritten meanwhile: the newer record says more.
        }
    }

    /// <summary>
    /// What is known of an article without reading its record (one listing of its folder, with metadata): null when
    /// nothing is stored, else when its page was last fetched and last found current. The current record's notes
    /// win over the note of a page that gave no record.
    /// </summary>
    public async Task<StoredArticleInfo?> GetInfoAsync(ArticleId id, CancellationToken cancellationToken)
    {
        BlobItem? current = null, outcome = null;
        try
        {
            await foreach (var item in _container.Client.GetBlobsByHierarchyAsync(BlobTraits.Metadata, BlobStates.None, "/", id.BlobPrefix, cancellationToken))
            {
                if (item.IsBlob && item.Blob.Name == CurrentBlobName(id))
                {
                    current = item.Blob;
                }
                else if (item.IsBlob && item.Blob.Name == OutcomeBlobName(id))
                {
                    outcome = item.Blob;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null; // no records container yet
        }

        if ((current ?? outcome) is not { } found)
        {
            return null;
        }

        var fetched = ReadDate(found.Metadata, FetchedAtKey) ?? found.Properties.LastModified ?? DateTimeOffset.MinValue;
        return new StoredArticleInfo(fetched, ReadDate(found.Metadata, CheckedAtKey) ?? fetched);
    }

    /// <summary>
    /// Notes that a page was found but gave no record (gone, not an article, disallowed), so discovery does not
    /// enqueue it again before the source's refetch interval. Overwrites an older note.
    /// </summary>
    public async Task MarkOutcomeAsync(ArticleId id, string outcome, string? detail, DateTimeOffset at, CancellationToken cancellationToken, string? failure = null)
    {
        await _container.CreatedAsync(cancellationToken);
        try
        {
            var known = (await _container.Client.GetBlobClient(OutcomeBlobName(id)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (ReadDate(known.Metadata, CheckedAtKey) is { } noted && noted >= at)
            {
                return; // a note as new or newer is kept (the same WARC imported again, an older capture)
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // No note yet.
        }

        var failed = failure is null ? "" : $",\"failure\":{JsonSerializer.Serialize(failure, IngestJsonContext.Default.String)}";
        var note = $"{{\"outcome\":{JsonSerializer.Serialize(outcome, IngestJsonContext.Default.String)}{failed},\"detail\":{JsonSerializer.Serialize(detail ?? "", IngestJsonContext.Default.String)}}}";
        await _container.Client.GetBlobClient(OutcomeBlobName(id)).UploadAsync(BinaryData.FromString(note), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [FetchedAtKey] = at.ToString("O", CultureInfo.InvariantCulture),
                [CheckedAtKey] = at.ToString("O", CultureInfo.InvariantCulture),
            },
        }, cancellationToken);
    }

    /// <summary>The blob name of the note of a page that gave no record.</summary>
    public static string OutcomeBlobName(ArticleId id) => $"{id.BlobPrefix}outcome.json";

    /// <summary>
    /// Notes that the page was found unchanged at <paramref name="at"/> (a 304, or the same content), so discovery
    /// does not ask again before the source's refetch interval. Conditional on the ETag <paramref name="current"/> was
    /// read with, so best effort: a concurrent writer wins. Never moves the note back in time (a WARC capture older
    /// than the last check).
    /// </summary>
    public Task MarkCheckedAsync(ArticleId id, StoredRecord current, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.CheckedAt is { } known && known >= at
            ? Task.CompletedTask
            : SetNoteAsync(id, current, CheckedAtKey, at.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
    }

    private static DateTimeOffset? ReadDate(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? date : null;

    /// <summary>One revision of an article, or null.</summary>
    public async Task<ArticleRecord?> GetRevisionAsync(ArticleId id, int revision, CancellationToken cancellationToken)
    {
        try
        {
            var name = RevisionBlobName(id, revision);
            var download = (await _container.Client.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value;
            return Deserialize(download.Content, name);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The revision numbers stored for an article, ascending.</summary>
    public async Task<IReadOnlyList<int>> ListRevisionsAsync(ArticleId id, CancellationToken cancellationToken)
    {
        var revisions = new List<int>();
        try
        {
            await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = id.BlobPrefix + "revisions/" }, cancellationToken))
            {
                var file = item.Name[(item.Name.LastIndexOf('/') + 1)..].Replace(".json", "", StringComparison.Ordinal);
                if (int.TryParse(file, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    revisions.Add(n);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)System.Net.HttpStatusCode.NotFound)
        {
            return revisions; // nothing stored yet: no records container
        }

        revisions.Sort();
        return revisions;
    }

    /// <summary>
    /// Writes <paramref name="record"/> as a new revision and makes it current. The revision blob is written with
    /// <c>If-None-Match: *</c> and the current pointer with <c>If-Match</c> on the ETag it was read with, so two
    /// writers cannot both win. A revision left without its current pointer by a crash is promoted first.
    /// Throws <see cref="RecordConflictException"/> when another writer got there first: read again and redo.
    /// </summary>
    public async Task SaveRevisionAsync(ArticleRecord record, StoredRecord? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _container.CreatedAsync(cancellationToken);
        var id = ArticleId.Parse(record.ArticleId);

        // Index first: an article may be listed before its record exists (a re-parse then finds nothing to do),
        // but never the other way round, so no stored article is missing from a listing. The current revision was
        // listed under its day before it was written, so a revision on the same day needs no marker (two requests
        // fewer for most re-parses and changed pages).
        var day = ArticleIndex.DayOf(record);
        if (current is null || ArticleIndex.DayOf(current.Record) != day)
        {
            await Index.AddAsync(id, day, cancellationToken);
        }

        var revisionBlob = _container.Client.GetBlobClient(RevisionBlobName(id, record.Provenance.Revision));
        var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.ArticleRecord));
        try
        {
            await revisionBlob.UploadAsync(json, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Someone wrote this revision number. If it never became current (its writer died in between), finish
            // that writer's work so the history has no gap; either way the caller must re-read and redo.
            var orphan = await GetRevisionAsync(id, record.Provenance.Revision, cancellationToken);
            if (orphan is not null)
            {
                await TrySetCurrentAsync(id, orphan, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(orphan, RecordJsonContext.Default.ArticleRecord)), current, cancellationToken);
            }

            throw new RecordConflictException(record.ArticleId);
        }

        if (!await TrySetCurrentAsync(id, record, json, current, cancellationToken))
        {
            throw new RecordConflictException(record.ArticleId);
        }
    }

    private async Task<bool> TrySetCurrentAsync(ArticleId id, ArticleRecord record, BinaryData json, StoredRecord? current, CancellationToken cancellationToken)
    {
        try
        {
            await _container.Client.GetBlobClient(CurrentBlobName(id)).UploadAsync(json, new BlobUploadOptions
            {
                // What discovery's cheap check reads with a HEAD request, without downloading the record.
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [FetchedAtKey] = record.Provenance.FetchedAt.ToString("O", CultureInfo.InvariantCulture),
                    [CheckedAtKey] = record.Provenance.FetchedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["revision"] = record.Provenance.Revision.ToString(CultureInfo.InvariantCulture),
                    [ParsedByKey] = record.ParserVersion,
                },
                Conditions = current is null
                    ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                    : new BlobRequestConditions { IfMatch = current.ETag },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    private static ArticleRecord Deserialize(BinaryData content, string name)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, RecordJsonContext.Default.ArticleRecord)
                ?? throw new InvalidDataException($"Record blob {name} holds JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Record blob {name} is not a valid record: {ex.Message}", ex);
        }
    }
}

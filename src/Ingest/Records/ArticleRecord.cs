using System.Text.Json.Serialization;
using Ingest.Extraction;

namespace Ingest.Records;

/// <summary>
/// The normalized record of one article at one revision: what the archive stores and users query.
/// The schema is versioned by <see cref="SchemaVersion"/>; docs/record-schema.md and
/// docs/article-record.schema.json describe it. Its JSON is flat: the <see cref="Article"/>'s fields stand beside the
/// identity, with the article's field sources as <c>fieldSources</c> (see <see cref="ArticleRecordJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(ArticleRecordJsonConverter))]
public sealed record ArticleRecord
{
    /// <summary>The schema version this type writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version of this JSON document.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>Stable id derived from the canonical URL, see <see cref="Records.ArticleId"/>.</summary>
    public required string ArticleId { get; init; }

    /// <summary>Name of the configured source that discovered the article.</summary>
    public required string Source { get; init; }

    /// <summary>The canonical URL the id was derived from.</summary>
    public required string Url { get; init; }

    /// <summary>The article's fields, as extraction made them; in JSON they stand beside the identity, not nested.</summary>
    public required Article Article { get; init; }

    /// <summary>SHA-256 (hex) of the <see cref="Article"/>'s JSON (its fields, without their sources): equal hashes mean equal content.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Version of the parser that made this record.</summary>
    public required string ParserVersion { get; init; }

    /// <summary>Where this revision came from.</summary>
    public required RecordProvenance Provenance { get; init; }
}

/// <summary>Why a revision exists and which raw snapshot it was made from.</summary>
public sealed record RecordProvenance
{
    /// <summary>1 for the first record of an article, then one more for each stored change.</summary>
    public required int Revision { get; init; }

    /// <summary>Why this revision was written.</summary>
    public required RevisionReason Reason { get; init; }

    /// <summary>SHA-256 (hex) of the raw bytes this record was extracted from.</summary>
    public required string SnapshotId { get; init; }

    /// <summary>When the raw page was fetched.</summary>
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>When this record was extracted.</summary>
    public required DateTimeOffset ExtractedAt { get; init; }

    /// <summary>The URL that was requested.</summary>
    public required string FetchedUrl { get; init; }

    /// <summary>The URL the page was finally served from, after redirects.</summary>
    public string? FinalUrl { get; init; }

    /// <summary>The re-parse run that wrote this revision, for a <see cref="RevisionReason.Reparse"/> in a run.</summary>
    public string? RunId { get; init; }

    /// <summary>The page's ETag, sent back as If-None-Match on the next fetch.</summary>
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    /// <summary>The page's Last-Modified, sent back as If-Modified-Since on the next fetch.</summary>
    public DateTimeOffset? LastModified { get; init; }
}

/// <summary>Why a record revision was written.</summary>
public enum RevisionReason
{
    /// <summary>The first record of the article.</summary>
    FirstFetch,

    /// <summary>The page was fetched again and its content changed.</summary>
    PageChanged,

    /// <summary>The stored raw page was parsed again, by a newer parser or on request.</summary>
    Reparse,
}

using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Ingest.Records;

/// <summary>
/// The normalized record of one article at one revision: what the archive stores and users query.
/// The schema is versioned by <see cref="SchemaVersion"/>; docs/record-schema.md and
/// docs/article-record.schema.json describe it.
/// </summary>
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

    /// <summary>The full headline.</summary>
    public required string Title { get; init; }

    /// <summary>Subtitle or standfirst, when the page has one.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Authors in byline order.</summary>
    public ImmutableArray<ArticleAuthor> Authors { get; init; } = [];

    /// <summary>Publication time with the offset the page gave.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>Last modification time with the offset the page gave; never used as <see cref="Published"/>.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Section or category.</summary>
    public string? Section { get; init; }

    /// <summary>BCP 47 language tag, as declared by the page or detected.</summary>
    public string? Language { get; init; }

    /// <summary>Site name, e.g. "South China Morning Post".</summary>
    public string? SiteName { get; init; }

    /// <summary>Genre such as "opinion", when the page says so.</summary>
    public string? Genre { get; init; }

    /// <summary>False when the page declares itself paywalled; null when it says nothing.</summary>
    public bool? IsAccessibleForFree { get; init; }

    /// <summary>Body paragraphs in reading order, plain text.</summary>
    public required ImmutableArray<string> Body { get; init; }

    /// <summary>Images of the article.</summary>
    public ImmutableArray<ArticleImage> Images { get; init; } = [];

    /// <summary>Tags or keywords.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>Set when the article is a translation of another publication's piece.</summary>
    public TranslationProvenance? Translation { get; init; }

    /// <summary>Copyright line, moved out of the body.</summary>
    public string? Copyright { get; init; }

    /// <summary>
    /// Where each field came from: field name (as in this record, plus <c>canonicalUrl</c>) → <c>profile</c>,
    /// <c>jsonld</c>, <c>meta</c> or <c>heuristic</c>. Optional: records made before parser 0.3.0 have none.
    /// </summary>
    public ImmutableSortedDictionary<string, string>? FieldSources { get; init; }

    /// <summary>SHA-256 (hex) of the extracted content (title, authors, dates, body): equal hashes mean equal content.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Version of the parser that made this record.</summary>
    public required string ParserVersion { get; init; }

    /// <summary>Where this revision came from.</summary>
    public required RecordProvenance Provenance { get; init; }
}

/// <summary>An author with an optional role ("North Korea analyst") and profile URL.</summary>
public sealed record ArticleAuthor(string Name, string? Role = null, string? Url = null);

/// <summary>An image with its caption.</summary>
public sealed record ArticleImage(string Url, string? Caption = null);

/// <summary>Who translated the article and from what.</summary>
public sealed record TranslationProvenance(
    string? TranslatedBy,
    string? OriginalPublisher,
    string? OriginalPublisherAbbreviation,
    string? OriginalTitle,
    string? OriginalUrl = null);

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

namespace Ingest.Storage;

/// <summary>A stored raw page: the bytes exactly as fetched and the facts of the fetch.</summary>
public sealed record RawSnapshot
{
    /// <summary>SHA-256 (hex) of <see cref="Content"/>: the snapshot's id.</summary>
    public required string SnapshotId { get; init; }

    /// <summary>The page bytes as received (after transfer decoding).</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The URL requested.</summary>
    public required string Url { get; init; }

    /// <summary>The URL served from after redirects.</summary>
    public string? FinalUrl { get; init; }

    /// <summary>HTTP status.</summary>
    public int HttpStatus { get; init; }

    /// <summary>Content-Type header.</summary>
    public string? ContentType { get; init; }

    /// <summary>ETag header.</summary>
    public string? ETag { get; init; }

    /// <summary>Last-Modified header.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>When it was fetched.</summary>
    public required DateTimeOffset FetchedAt { get; init; }
}

/// <summary>The current record of an article and the blob ETag it was read with, for a conditional update.</summary>
/// <param name="Record">The record.</param>
/// <param name="ETag">The blob's ETag, for <c>If-Match</c>.</param>
/// <param name="ParsedBy">The newest parser version that parsed the record's snapshot, even where its result changed nothing.</param>
public sealed record StoredRecord(Records.ArticleRecord Record, Azure.ETag ETag, string? ParsedBy = null);

/// <summary>Another writer changed the article between our read and our write; read again and redo.</summary>
public sealed class RecordConflictException(string articleId)
    : Exception($"The record of article {articleId} was changed by another writer while this one was writing.")
{
    /// <summary>The article.</summary>
    public string ArticleId { get; } = articleId;
}

/// <summary>What a HEAD request tells of a stored article.</summary>
/// <param name="FetchedAt">When the page of the current revision was fetched.</param>
/// <param name="CheckedAt">When the page was last fetched or found unchanged.</param>
public sealed record StoredArticleInfo(DateTimeOffset FetchedAt, DateTimeOffset CheckedAt);

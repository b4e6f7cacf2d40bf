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

namespace Ingest.Storage;

/// <summary>What a HEAD request tells of a stored article.</summary>
/// <param name="FetchedAt">When the page of the current revision was fetched.</param>
/// <param name="CheckedAt">When the page was last fetched or found unchanged.</param>
public sealed record StoredArticleInfo(DateTimeOffset FetchedAt, DateTimeOffset CheckedAt);

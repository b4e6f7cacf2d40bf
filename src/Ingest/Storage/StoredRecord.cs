namespace Ingest.Storage;

/// <summary>The current record of an article and the blob ETag it was read with, for a conditional update.</summary>
/// <param name="Record">The record.</param>
/// <param name="ETag">The blob's ETag, for <c>If-Match</c>.</param>
/// <param name="ParsedBy">The newest parser version that parsed the record's snapshot, even where its result changed nothing.</param>
/// <param name="CheckedAt">When the page was last fetched or found unchanged (HTTP 304, same content); null when unknown.</param>
/// <param name="Metadata">The blob's metadata as read with <paramref name="ETag"/>, so a note can be added to it without
/// reading it again; null when not read from storage.</param>
public sealed record StoredRecord(Records.ArticleRecord Record, Azure.ETag ETag, string? ParsedBy = null, DateTimeOffset? CheckedAt = null, IReadOnlyDictionary<string, string>? Metadata = null);

namespace Ingest.Storage;

/// <summary>Another writer changed the article between our read and our write; read again and redo.</summary>
public sealed class RecordConflictException(string articleId)
    : Exception($"The record of article {articleId} was changed by another writer while this one was writing.")
{
    /// <summary>The article.</summary>
    public string ArticleId { get; } = articleId;
}

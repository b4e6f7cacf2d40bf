using System.Security.Cryptography;
using System.Text.Json;
using Ingest.Extraction;

namespace Ingest.Records;

/// <summary>Wraps an extracted <see cref="Article"/> in a record: identity, content hash, parser version, provenance.</summary>
public static class RecordFactory
{
    /// <summary>The record of an extracted article.</summary>
    public static ArticleRecord Create(ArticleId id, string source, Uri canonicalUrl, Article article, RecordProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleRecord
        {
            SchemaVersion = ArticleRecord.CurrentSchemaVersion,
            ArticleId = id.ToString(),
            Source = source,
            Url = canonicalUrl.AbsoluteUri,
            Article = article,
            ContentHash = ContentHashOf(article),
            ParserVersion = ArticleExtractor.Version,
            Provenance = provenance,
        };
    }

    /// <summary>SHA-256 of the article's fields in their JSON form (sources left out): equal hashes, equal content.</summary>
    public static string ContentHashOf(Article article) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(article, RecordJsonContext.Default.Article)));
}

using System.Security.Cryptography;
using System.Text.Json;
using Ingest.Extraction;
using Ingest.Messages;
using Ingest.Records;

namespace Ingest.Pipeline;

/// <summary>Normalizes an <see cref="ExtractedArticle"/> into an <see cref="ArticleRecord"/>.</summary>
public static class RecordFactory
{
    /// <summary>The record of an extracted article.</summary>
    public static ArticleRecord Create(ArticleId id, string source, Uri canonicalUrl, ExtractedArticle article, RecordProvenance provenance) => new()
    {
        SchemaVersion = ArticleRecord.CurrentSchemaVersion,
        ArticleId = id.ToString(),
        Source = source,
        Url = canonicalUrl.AbsoluteUri,
        Title = article.Title,
        Subtitle = article.Subtitle,
        Authors = article.Authors,
        Published = article.Published,
        Modified = article.Modified,
        Section = article.Section,
        Language = article.Language,
        SiteName = article.SiteName,
        Genre = article.Genre,
        IsAccessibleForFree = article.IsAccessibleForFree,
        Body = article.Body,
        Images = article.Images,
        Tags = article.Tags,
        Translation = article.Translation,
        Copyright = article.Copyright,
        FieldSources = article.Sources.IsEmpty ? null : article.Sources,
        ContentHash = ContentHashOf(article),
        ParserVersion = ArticleExtractor.Version,
        Provenance = provenance,
    };

    /// <summary>The record a first fetch of this page would store, for a preview that stores nothing.</summary>
    public static ArticleRecord Preview(Sources.SourceOptions source, Uri url, Fetching.FetchResult fetched, ExtractedArticle article)
    {
        var canonical = source.Canonicalize(url);
        return Create(ArticleId.FromCanonicalUrl(canonical), source.Name, canonical, article, new RecordProvenance
        {
            Revision = 1,
            Reason = RevisionReason.FirstFetch,
            SnapshotId = Storage.ArticleStore.SnapshotIdOf(fetched.Content.Span),
            FetchedAt = fetched.FetchedAt,
            ExtractedAt = fetched.FetchedAt,
            FetchedUrl = url.AbsoluteUri,
            FinalUrl = fetched.FinalUrl?.AbsoluteUri,
            ETag = fetched.ETag,
            LastModified = fetched.LastModified,
        });
    }

    /// <summary>SHA-256 of the extracted content in its JSON form: equal hashes, equal content.</summary>
    public static string ContentHashOf(ExtractedArticle article) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(article, IngestJsonContext.Default.ExtractedArticle)));
}

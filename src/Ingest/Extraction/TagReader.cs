using System.Collections.Immutable;

namespace Ingest.Extraction;

/// <summary>
/// Reads the article's tags: <c>article:tag</c> meta, else JSON-LD keywords, else a comma-separated keywords meta tag.
/// </summary>
internal static class TagReader
{
    /// <summary>The tags, trimmed, each once (ignoring case), in the order the page gives them.</summary>
    public static ImmutableArray<string> TagsOf(JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        IEnumerable<string> tags = meta.TryGetValue("article:tag", out var articleTags)
            ? articleTags
            : jsonLd is { Keywords.IsEmpty: false }
                ? jsonLd.Keywords
                : (MetaTagReader.First(meta, "news_keywords", "keywords", "parsely-tags") ?? string.Empty).Split(',');
        return [.. tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}

using System.Collections.Immutable;

namespace Ingest.Extraction;

/// <summary>
/// Reads the images the page declares for the article (<c>og:image</c>, JSON-LD, <c>twitter:image</c>), as absolute
/// URLs, each once.
/// </summary>
internal static class ImageReader
{
    /// <summary>The declared images, <c>og:image</c> first, then JSON-LD, then <c>twitter:image</c>.</summary>
    public static ImmutableArray<ArticleImage> ImagesOf(Uri pageUrl, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        var urls = new List<string?>();
        if (meta.TryGetValue("og:image", out var og))
        {
            urls.AddRange(og);
        }

        urls.AddRange(jsonLd?.Images ?? []);
        urls.Add(MetaTagReader.First(meta, "twitter:image"));
        return [.. urls.Select(u => PageLinks.Absolute(pageUrl, u)).OfType<string>().Distinct(StringComparer.Ordinal).Select(u => new ArticleImage(u))];
    }
}

using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads the article's language as a BCP 47 tag: JSON-LD's <c>inLanguage</c>, else the html element's <c>lang</c>,
/// else <c>og:locale</c> and its kin.
/// </summary>
internal static class LanguageReader
{
    /// <summary>The language tag and where it came from; null when none is declared or it is not a tag.</summary>
    public static (string? Value, string? Source) LanguageOf(IDocument document, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        var (language, source) = jsonLd?.Language is { } fromJsonLd ? (fromJsonLd, FieldSource.JsonLd)
            : document.DocumentElement?.GetAttribute("lang") is { } fromMarkup ? (fromMarkup, FieldSource.Markup)
            : (MetaTagReader.First(meta, "og:locale", "content-language", "dc.language", "language"), FieldSource.Meta);
        if (string.IsNullOrWhiteSpace(language))
        {
            return (null, null);
        }

        // og:locale writes en_GB; a BCP 47 tag is en-GB.
        language = language.Trim().Replace('_', '-');
        return language.Length <= 35 && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? (language, source) : (null, null);
    }
}

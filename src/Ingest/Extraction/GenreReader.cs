namespace Ingest.Extraction;

/// <summary>
/// Reads the article's genre from JSON-LD: opinion, review, analysis and the like, from the schema.org type or the
/// declared genre, with the many names for an opinion piece made one.
/// </summary>
internal static class GenreReader
{
    /// <summary>The genre in lower case ("opinion", "review", …), or null when JSON-LD names none.</summary>
    public static string? GenreOf(JsonLdArticle? jsonLd)
    {
        if (jsonLd is null)
        {
            return null;
        }

        if (jsonLd.Type is "OpinionNewsArticle")
        {
            return "opinion";
        }

        return jsonLd.Genre?.ToUpperInvariant() switch
        {
            null => jsonLd.Type switch
            {
                "ReviewNewsArticle" => "review",
                "AnalysisNewsArticle" => "analysis",
                "BackgroundNewsArticle" => "background",
                _ => null,
            },
            "COMMENT" or "OPINION" or "COLUMN" or "EDITORIAL" or "OP-ED" or "COMMENTARY" => "opinion",
            var other => other.ToLowerInvariant(),
        };
    }
}

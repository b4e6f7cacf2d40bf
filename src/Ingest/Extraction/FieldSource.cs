namespace Ingest.Extraction;

/// <summary>
/// Where a record field came from, most trusted first: a site profile, the page's JSON-LD, its meta tags (OpenGraph,
/// <c>article:*</c>, Dublin Core, microdata <c>meta</c>), or a heuristic over the markup (headings, bylines, visible
/// dates, the URL, the closing block, main-content scoring).
/// </summary>
public static class FieldSource
{
    /// <summary>A declarative site profile chose it.</summary>
    public const string Profile = "profile";

    /// <summary>The page's JSON-LD.</summary>
    public const string JsonLd = "jsonld";

    /// <summary>A meta tag.</summary>
    public const string Meta = "meta";

    /// <summary>A heuristic over the markup, the URL or the text.</summary>
    public const string Heuristic = "heuristic";
}

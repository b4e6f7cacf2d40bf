namespace Ingest.Extraction;

/// <summary>
/// Where a record field came from: a site profile, the page's JSON-LD, its meta tags (OpenGraph, <c>article:*</c>,
/// Dublin Core, microdata <c>meta</c>), or a reading of the markup, the URL or the text. The record stores the name
/// (<c>fieldSources</c>); <see cref="FieldConfidence"/> says how far it is to be trusted.
/// </summary>
public static class FieldSource
{
    /// <summary>A declarative site profile chose it.</summary>
    public const string Profile = "profile";

    /// <summary>The page's JSON-LD.</summary>
    public const string JsonLd = "jsonld";

    /// <summary>A meta tag.</summary>
    public const string Meta = "meta";

    /// <summary>The page's main h1, or the part of it the declared titles agree on.</summary>
    public const string Heading = "h1";

    /// <summary>An element the template marks as the post's title ("entry-title", "article-headline").</summary>
    public const string TitleMarkup = "title-markup";

    /// <summary>The document's <c>&lt;title&gt;</c>, less the site's name.</summary>
    public const string TitleElement = "title-element";

    /// <summary>Markup that names the field (<c>itemprop</c>, <c>rel=author</c>, <c>time</c>, the html element's <c>lang</c>, <c>link rel=canonical</c>).</summary>
    public const string Markup = "markup";

    /// <summary>A byline: an author or byline class, a "Written by" label, a "By Jane Doe" line.</summary>
    public const string Byline = "byline";

    /// <summary>A date line the reader sees (under the headline, beside the byline, labelled "Published").</summary>
    public const string DateLine = "dateline";

    /// <summary>
    /// The page's last update, standing in for a publication date the page does not give ("Updated on July 9, 2025"
    /// and nothing else): the date of the version held.
    /// </summary>
    public const string Updated = "updated";

    /// <summary>The page's script state or analytics data (a date under a key such as <c>publishedAt</c> or <c>createDate</c>).</summary>
    public const string State = "state";

    /// <summary>The page's URL (a date in its path).</summary>
    public const string Url = "url";

    /// <summary>The closing block of a column (author line, translation credit, copyright).</summary>
    public const string Closing = "closing";

    /// <summary>Main-content scoring over the markup (the body, a subtitle beside the headline).</summary>
    public const string Content = "content";

    /// <summary>The article's HTML held as a string in the page's script state (a script-rendered page).</summary>
    public const string Embedded = "embedded";
}

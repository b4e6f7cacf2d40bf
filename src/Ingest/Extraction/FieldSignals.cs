using System.Collections.Immutable;

namespace Ingest.Extraction;

/// <summary>
/// What the independent sources of a page each say about the title, the authors and the published date, gathered while
/// the metadata is read, so that <see cref="FieldConfidence"/> can count how many of them agree with the value chosen.
/// </summary>
internal sealed class FieldSignals
{
    private readonly PageElements _page;

    public FieldSignals(PageElements page) => _page = page;

    /// <summary>The titles by source kind (jsonld, meta, title-element, h1), as the page writes them.</summary>
    public List<(string Source, string Title)> Titles { get; } = [];

    /// <summary>The site's declared name and the page's URL, to clean a title as the chosen one was cleaned.</summary>
    public (string? SiteName, Uri PageUrl) TitleCleaning { get; set; }

    /// <summary>Whether <paramref name="title"/>, cleaned as the chosen title is, spells <paramref name="compact"/> (letters and digits, lower case).</summary>
    public bool TitleSpells(string title, string compact)
        => DomText.Compact(title) == compact
            || TitleCleaner.Clean(DomText.Normalize(title), TitleCleaning.SiteName, TitleCleaning.PageUrl) is { } cleaned && DomText.Compact(cleaned) == compact;

    /// <summary>The people JSON-LD names as authors.</summary>
    public ImmutableArray<string> JsonLdAuthors { get; set; } = [];

    /// <summary>The names the author meta tags give.</summary>
    public ImmutableArray<string> MetaAuthors { get; set; } = [];

    /// <summary>The names the site goes by.</summary>
    public SiteIdentity? Site { get; set; }

    /// <summary>Every source that named a publication date, with its date.</summary>
    public IReadOnlyList<(string Source, DateTimeOffset Date)> Dates { get; set; } = [];

    /// <summary>The JSON-LD articleBody, to compare the markup's body with.</summary>
    public string? ArticleBody { get; set; }

    /// <summary>The languages the page declares, by source (jsonld, markup, meta).</summary>
    public List<(string Source, string Language)> Languages { get; } = [];

    /// <summary>Whether the page prints every one of <paramref name="names"/> (<see cref="PageElements.PrintsAll"/>).</summary>
    public bool PrintsAll(IReadOnlyList<string> names) => _page.PrintsAll(names);
}

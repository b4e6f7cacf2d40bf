using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Ingest.Extraction;

/// <summary>
/// The fields of one article: the one type every stage uses for them. Extraction fills it (each reader and a site
/// profile fill some of it, and the extractor merges them); the stored <see cref="Records.ArticleRecord"/> carries it
/// whole and adds identity, hashes and provenance around it. Its JSON, less <see cref="Sources"/>, is what the
/// content hash is taken of, so the order and names of the properties are part of the archive's format.
/// </summary>
public sealed record Article
{
    /// <summary>The full headline. Always set on an article that extraction accepted.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The headline the page declares for sharing and search (<c>og:title</c>, <c>twitter:title</c> or the JSON-LD
    /// headline, less the site's name) when it is another wording than <see cref="Title"/>: publishers edit one apart
    /// from the other ("Nach Gaetz-Rückzug: Trump-Anwältin soll Justizministerin werden" over the h1's "Trump-Anwältin
    /// soll Justizministerin werden"), and neither is the only right one. Null when they say the same.
    /// </summary>
    public string? DeclaredTitle { get; init; }

    /// <summary>Body paragraphs in reading order, plain text.</summary>
    public ImmutableArray<string> Body { get; init; } = [];

    /// <summary>Subtitle or standfirst, when the page has one.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Authors in byline order.</summary>
    public ImmutableArray<ArticleAuthor> Authors { get; init; } = [];

    /// <summary>
    /// Publication time with the offset the page gave. A page that gives none but an update has its last update here,
    /// with the source <see cref="FieldSource.Updated"/>.
    /// </summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>Last modification time with the offset the page gave; never taken for a publication date the page gives.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Section or category.</summary>
    public string? Section { get; init; }

    /// <summary>BCP 47 language tag, as declared by the page or detected.</summary>
    public string? Language { get; init; }

    /// <summary>Site name, e.g. "South China Morning Post".</summary>
    public string? SiteName { get; init; }

    /// <summary>Genre such as "opinion", when the page says so.</summary>
    public string? Genre { get; init; }

    /// <summary>False when the page declares itself paywalled; null when it says nothing.</summary>
    public bool? IsAccessibleForFree { get; init; }

    /// <summary>The page's own canonical URL (<c>link rel=canonical</c>), absolute, if it declares one.</summary>
    public string? CanonicalUrl { get; init; }

    /// <summary>Images of the article.</summary>
    public ImmutableArray<ArticleImage> Images { get; init; } = [];

    /// <summary>Tags or keywords.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>Set when the article is a translation of another publication's piece.</summary>
    public TranslationProvenance? Translation { get; init; }

    /// <summary>Copyright line, moved out of the body.</summary>
    public string? Copyright { get; init; }

    /// <summary>
    /// Where each field that has a value came from (field name → <see cref="FieldSource"/>). Not content: left out of
    /// the content hash, so a change in provenance alone writes no revision; the record stores it as
    /// <c>fieldSources</c>.
    /// </summary>
    [JsonIgnore]
    public ImmutableSortedDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// How far each field that has a value is to be trusted (field name → <see cref="FieldJudgement"/>), judged by how
    /// many independent sources of the page agree on it. Not content, like <see cref="Sources"/>: left out of the content
    /// hash; the record stores the numbers as <c>fieldConfidence</c>.
    /// </summary>
    [JsonIgnore]
    public ImmutableSortedDictionary<string, FieldJudgement> Confidence { get; init; } = ImmutableSortedDictionary<string, FieldJudgement>.Empty;
}

/// <summary>An author with an optional role ("North Korea analyst") and profile URL.</summary>
public sealed record ArticleAuthor(string Name, string? Role = null, string? Url = null);

/// <summary>An image with its caption.</summary>
public sealed record ArticleImage(string Url, string? Caption = null);

/// <summary>Who translated the article and from what.</summary>
public sealed record TranslationProvenance(
    string? TranslatedBy,
    string? OriginalPublisher,
    string? OriginalPublisherAbbreviation,
    string? OriginalTitle,
    string? OriginalUrl = null);

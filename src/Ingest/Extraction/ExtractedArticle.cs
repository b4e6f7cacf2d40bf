using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Ingest.Records;

namespace Ingest.Extraction;

/// <summary>A page to extract: the raw bytes as fetched, where they came from, and the declared content type.</summary>
/// <param name="Content">The raw response body.</param>
/// <param name="Url">The URL the page was served from (relative links resolve against it).</param>
/// <param name="ContentType">The HTTP Content-Type header, if any (carries the charset).</param>
public sealed record PageInput(ReadOnlyMemory<byte> Content, Uri Url, string? ContentType = null);

/// <summary>What extraction found in one page. The pipeline turns it into an <see cref="ArticleRecord"/>.</summary>
public sealed record ExtractedArticle
{
    /// <summary>The full headline.</summary>
    public required string Title { get; init; }

    /// <summary>Body paragraphs in reading order.</summary>
    public required ImmutableArray<string> Body { get; init; }

    /// <inheritdoc cref="ArticleRecord.Subtitle"/>
    public string? Subtitle { get; init; }

    /// <inheritdoc cref="ArticleRecord.Authors"/>
    public ImmutableArray<ArticleAuthor> Authors { get; init; } = [];

    /// <inheritdoc cref="ArticleRecord.Published"/>
    public DateTimeOffset? Published { get; init; }

    /// <inheritdoc cref="ArticleRecord.Modified"/>
    public DateTimeOffset? Modified { get; init; }

    /// <inheritdoc cref="ArticleRecord.Section"/>
    public string? Section { get; init; }

    /// <inheritdoc cref="ArticleRecord.Language"/>
    public string? Language { get; init; }

    /// <inheritdoc cref="ArticleRecord.SiteName"/>
    public string? SiteName { get; init; }

    /// <inheritdoc cref="ArticleRecord.Genre"/>
    public string? Genre { get; init; }

    /// <inheritdoc cref="ArticleRecord.IsAccessibleForFree"/>
    public bool? IsAccessibleForFree { get; init; }

    /// <summary>The page's own canonical URL (<c>link rel=canonical</c>), absolute, if it declares one.</summary>
    public string? CanonicalUrl { get; init; }

    /// <inheritdoc cref="ArticleRecord.Images"/>
    public ImmutableArray<ArticleImage> Images { get; init; } = [];

    /// <inheritdoc cref="ArticleRecord.Tags"/>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <inheritdoc cref="ArticleRecord.Translation"/>
    public TranslationProvenance? Translation { get; init; }

    /// <inheritdoc cref="ArticleRecord.Copyright"/>
    public string? Copyright { get; init; }

    /// <summary>
    /// Where each field that has a value came from (field name → <see cref="FieldSource"/>). Not content: left out of
    /// the content hash, so a change in provenance alone writes no revision.
    /// </summary>
    [JsonIgnore]
    public ImmutableSortedDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

/// <summary>The result of extracting one page: an article, or the reason it is not one.</summary>
public sealed record ExtractionOutcome
{
    private ExtractionOutcome(ExtractedArticle? article, string? rejection)
    {
        Article = article;
        Rejection = rejection;
    }

    /// <summary>The article, when the page is one.</summary>
    public ExtractedArticle? Article { get; }

    /// <summary>Why the page is not an article (empty, not HTML, no title, no body), when it is not.</summary>
    public string? Rejection { get; }

    /// <summary>The site profile chosen by host, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Fields the profile has rules for that found nothing on this page (the site's markup drifted); the generic path
    /// filled them where it could. Empty when no profile applies or all its rules matched.
    /// </summary>
    public ImmutableArray<string> ProfileDrift { get; init; } = [];

    /// <summary>An article was found.</summary>
    public static ExtractionOutcome Found(ExtractedArticle article) => new(article ?? throw new ArgumentNullException(nameof(article)), null);

    /// <summary>The page is not an article, for the given reason.</summary>
    public static ExtractionOutcome NotAnArticle(string reason) => new(null, reason);
}

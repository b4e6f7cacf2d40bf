using System.Collections.Immutable;

namespace Ingest.Extraction;

/// <summary>A page to extract: the raw bytes as fetched, where they came from, and the declared content type.</summary>
/// <param name="Content">The raw response body.</param>
/// <param name="Url">The URL the page was served from (relative links resolve against it).</param>
/// <param name="ContentType">The HTTP Content-Type header, if any (carries the charset).</param>
/// <param name="FetchedAt">When the page was fetched, if known: a date more than a day after it is no publication date.</param>
public sealed record PageInput(ReadOnlyMemory<byte> Content, Uri Url, string? ContentType = null, DateTimeOffset? FetchedAt = null);

/// <summary>The result of extracting one page: an article, or the reason it is not one.</summary>
public sealed record ExtractionOutcome
{
    private ExtractionOutcome(Article? article, string? rejection)
    {
        Article = article;
        Rejection = rejection;
    }

    /// <summary>The article, when the page is one.</summary>
    public Article? Article { get; }

    /// <summary>Why the page is not an article (empty, not HTML, no title, no body), when it is not.</summary>
    public string? Rejection { get; }

    /// <summary>The site profile chosen by host, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Fields the profile has rules for that found nothing on this page (the site's markup drifted); the generic path
    /// filled them where it could. Empty when no profile applies or all its rules matched.
    /// </summary>
    public ImmutableArray<string> ProfileDrift { get; init; } = [];

    /// <summary>An article was found: it has a title and body text.</summary>
    public static ExtractionOutcome Found(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (string.IsNullOrWhiteSpace(article.Title) || article.Body.IsEmpty)
        {
            throw new ArgumentException("An article has a title and body text.", nameof(article));
        }

        return new(article, null);
    }

    /// <summary>The page is not an article, for the given reason.</summary>
    public static ExtractionOutcome NotAnArticle(string reason) => new(null, reason);
}

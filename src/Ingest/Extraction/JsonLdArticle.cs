using System.Collections.Immutable;

namespace Ingest.Extraction;

/// <summary>What the page's JSON-LD says about its article: the first-ranked metadata source.</summary>
internal sealed record JsonLdArticle
{
    public required string Type { get; init; }
    public string? Headline { get; init; }
    public string? AlternativeHeadline { get; init; }
    public string? Description { get; init; }
    public ImmutableArray<ArticleAuthor> Authors { get; init; } = [];
    public ImmutableArray<ArticleAuthor> OrganizationAuthors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Language { get; init; }
    public string? Genre { get; init; }
    public bool? IsAccessibleForFree { get; init; }
    public string? Section { get; init; }
    public ImmutableArray<string> Keywords { get; init; } = [];
    public ImmutableArray<string> Images { get; init; } = [];
    public string? ArticleBody { get; init; }
    public string? PublisherName { get; init; }
    public string? Url { get; init; }
}

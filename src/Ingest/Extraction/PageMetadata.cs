using System.Collections.Immutable;
using Ingest.Records;

namespace Ingest.Extraction;

/// <summary>The metadata of a page after ranking its sources; each field from the most trusted source that had it.</summary>
internal sealed record PageMetadata
{
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public ImmutableArray<ArticleAuthor> Authors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Section { get; init; }
    public string? Language { get; init; }
    public string? SiteName { get; init; }
    public string? Genre { get; init; }
    public bool? IsAccessibleForFree { get; init; }
    public string? CanonicalUrl { get; init; }
    public ImmutableArray<ArticleImage> Images { get; init; } = [];
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>The JSON-LD <c>articleBody</c>: a fallback for pages whose body is not in the markup.</summary>
    public string? ArticleBody { get; init; }

    /// <summary>Field name → <see cref="FieldSource"/> of each field that has a value.</summary>
    public ImmutableSortedDictionary<string, string> Sources { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

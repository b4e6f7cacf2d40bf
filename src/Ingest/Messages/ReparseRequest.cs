namespace Ingest.Messages;

/// <summary>
/// Asks for stored raw pages to be parsed again, without fetching. Sent to <see cref="QueueNames.ReparseRequests"/>.
/// Exactly one scope: one article (<see cref="ArticleId"/>), or a site and/or a date range, or everything
/// (<see cref="All"/>), or a list of articles (<see cref="ArticleIds"/>, as the pipeline sends them). A scoped request
/// is handled one page of the archive's index at a time: each page becomes messages of up to
/// <see cref="MaxArticleIds"/> articles each plus a continuation message carrying <see cref="Cursor"/>.
/// </summary>
/// <param name="ArticleId">One article, see <see cref="Records.ArticleId"/>.</param>
/// <param name="Force">Parse again even when the current record was made by this parser version.</param>
/// <param name="Site">Every article of one site key (e.g. "scmp.com").</param>
/// <param name="Since">First day (UTC, inclusive) of the articles' date: published, else first fetched.</param>
/// <param name="Until">Last day (UTC, inclusive); default today.</param>
/// <param name="All">Every stored article.</param>
/// <param name="RunId">The run this request belongs to, for its status; set by whoever starts the run.</param>
/// <param name="Cursor">Where a scoped request continues; opaque, set by the pipeline.</param>
/// <param name="ArticleIds">Several articles, 1 to <see cref="MaxArticleIds"/>: how a scoped request's pages are
/// sent on, so that a queue message and its share of the host's work carry ten articles instead of one.</param>
public sealed record ReparseRequest(
    string? ArticleId = null,
    bool Force = false,
    string? Site = null,
    DateOnly? Since = null,
    DateOnly? Until = null,
    bool All = false,
    string? RunId = null,
    string? Cursor = null,
    IReadOnlyList<string>? ArticleIds = null)
{
    /// <summary>The most articles one message may list.</summary>
    public const int MaxArticleIds = 50;

    /// <summary>True when this asks for a site, a date range or everything, to be listed from the index.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsScoped => ArticleId is null && ArticleIds is null;
}

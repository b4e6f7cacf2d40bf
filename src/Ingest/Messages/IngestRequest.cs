namespace Ingest.Messages;

/// <summary>Asks for one article page to be fetched, parsed and stored. Sent to <see cref="QueueNames.IngestRequests"/>.</summary>
/// <param name="Url">Absolute http(s) URL of the article page.</param>
/// <param name="Source">Name of the configured source the URL belongs to.</param>
/// <param name="DiscoveredAt">When discovery (or an operator) asked for it.</param>
public sealed record IngestRequest(string Url, string Source, DateTimeOffset? DiscoveredAt = null);

/// <summary>Asks for the stored raw page of one article to be parsed again. Sent to <see cref="QueueNames.ReparseRequests"/>.</summary>
/// <param name="ArticleId">The article's id, see <see cref="Records.ArticleId"/>.</param>
/// <param name="Force">Write a new revision even when the current one came from the same parser and snapshot.</param>
public sealed record ReparseRequest(string ArticleId, bool Force = false);

/// <summary>The queue names the triggers listen on. The Functions and local hosts bind to these constants.</summary>
public static class QueueNames
{
    /// <summary>One message per article to fetch.</summary>
    public const string IngestRequests = "ingest-requests";

    /// <summary>One message per article to re-parse from its stored raw page.</summary>
    public const string ReparseRequests = "reparse-requests";

    /// <summary>Where the host moves a message after its last failed attempt.</summary>
    public static string PoisonOf(string queue) => queue + "-poison";
}

namespace Ingest.Messages;

/// <summary>The queue names the triggers listen on. The Functions and local hosts bind to these constants.</summary>
public static class QueueNames
{
    /// <summary>One message per article to fetch.</summary>
    public const string IngestRequests = "ingest-requests";

    /// <summary>One message per article to re-parse from its stored raw page.</summary>
    public const string ReparseRequests = "reparse-requests";

    /// <summary>The work queues, each with its poison queue.</summary>
    public static IReadOnlyList<string> Work { get; } = [IngestRequests, ReparseRequests];

    /// <summary>Where the host moves a message after its last failed attempt.</summary>
    public static string PoisonOf(string queue) => queue + "-poison";
}

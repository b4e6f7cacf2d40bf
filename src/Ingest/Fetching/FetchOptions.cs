using System.ComponentModel.DataAnnotations;

namespace Ingest.Fetching;

/// <summary>How pages are fetched. Bound from <c>Ingest:Fetching</c>.</summary>
public sealed class FetchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest:Fetching";

    /// <summary>The User-Agent sent with every request: honest about what we are.</summary>
    [Required(ErrorMessage = "Ingest:Fetching:UserAgent is required.")]
    [MinLength(3, ErrorMessage = "Ingest:Fetching:UserAgent must say who we are.")]
    public string UserAgent { get; set; } = "IngestBot/0.2 (+news archive; set Ingest:Fetching:UserAgent to add a contact)";

    /// <summary>Time allowed for one request attempt, headers and body.</summary>
    [Range(1, 300, ErrorMessage = "Ingest:Fetching:TimeoutSeconds must be between {1} and {2}.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of one fetch on transient failures, before the queue's own retries.</summary>
    [Range(0, 5, ErrorMessage = "Ingest:Fetching:MaxRetries must be between {1} and {2}.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Largest response body accepted (after decompression).</summary>
    [Range(1024, 200L * 1024 * 1024, ErrorMessage = "Ingest:Fetching:MaxResponseBytes must be between {1} and {2}.")]
    public long MaxResponseBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// Allow loopback and private-network addresses. Off in production: a URL from a queue message must not reach
    /// the machine's own network. The local demo and the tests turn it on for their loopback site.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
